import type { PlanLimitWayOut } from '../types/billing';
import type { ApiError } from './api-error';

/** Field name → the message to show beside that field. */
export type FieldErrors = Record<string, string>;

/** What a form's server action hands back to `useActionState`. */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fields?: FieldErrors;
  /** What the person typed (never passwords), because React resets the form after an action. */
  values?: Record<string, string>;
  /** A plan's limit refused the action (402): the plan to upgrade to and where. */
  wayOut?: PlanLimitWayOut;
}

export const IDLE_FORM_STATE: FormState = { status: 'idle' };

interface Issue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** The first problem of each field, keyed by the field's name. */
export function fieldErrorsFromIssues(issues: ReadonlyArray<Issue>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidFormState(issues: ReadonlyArray<Issue>, values?: Record<string, string>): FormState {
  const fields = fieldErrorsFromIssues(issues);
  const { form, ...rest } = fields;
  return { status: 'error', message: form ?? 'Check the highlighted fields.', fields: rest, values };
}

export function apiErrorFormState(error: ApiError, values?: Record<string, string>): FormState {
  return { status: 'error', message: error.message, fields: error.fields, values, wayOut: error.wayOut };
}

/** Reads a text field from a submitted form; files and missing fields read as empty. */
export function textValue(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

/** A submitted field's value (text, or a file). */
type FieldValue = NonNullable<ReturnType<FormData['get']>>;

/** The named fields of a submitted form, for a schema to check; a missing field stays missing. */
export function formFields<K extends string>(formData: FormData, names: readonly K[]): Partial<Record<K, FieldValue>> {
  const fields: Partial<Record<K, FieldValue>> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (value !== null) fields[name] = value;
  }
  return fields;
}
