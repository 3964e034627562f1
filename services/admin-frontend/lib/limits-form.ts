import { type ApiErrorBody, LIMIT_NAMES, type LimitName } from '@aerostic/shared';
import { type FormState, apiErrorFormState } from '@aerostic/shared/web';

/*
 * The limit forms send, for each limit, a mode and a maximum: `<name>.mode` is `default` (follow the platform
 * default; overrides only), `max` (the number in `<name>.max`) or `unlimited`. These turn them into the API's
 * bodies; the shared schemas then check the numbers.
 */

export const LIMIT_LABELS: Record<LimitName, string> = {
  agents: 'Agents',
  whatsappNumbers: 'WhatsApp numbers',
  contacts: 'Contacts',
  outboundMessagesPerMonth: 'Outbound messages per month',
  campaignRecipientsPerMonth: 'Campaign recipients per month',
  aiRepliesPerMonth: 'AI replies per month',
};

export type LimitMode = 'default' | 'max' | 'unlimited';

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/** The mode a form shows for a stored value: an override that is missing follows the default. */
export function limitMode(value: number | null | undefined): LimitMode {
  if (value === undefined) return 'default';
  return value === null ? 'unlimited' : 'max';
}

function read(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A typed maximum as a number for the schema to judge; text that is not a number stays text, so it is refused. */
function maximum(raw: string): number | string {
  return raw !== '' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** `{ overrides }` for `PUT /admin/tenants/:id/limits`: only the limits that do not follow the default. */
export function overridesFromForm(formData: FormData): Record<string, number | string | null> {
  const overrides: Record<string, number | string | null> = {};
  for (const name of LIMIT_NAMES) {
    const mode = read(formData, `${name}.mode`);
    if (mode === 'unlimited') overrides[name] = null;
    else if (mode === 'max') overrides[name] = maximum(read(formData, `${name}.max`));
  }
  return overrides;
}

/** `{ values }` for `PUT /admin/limits`: every limit, a maximum or unlimited. */
export function defaultsFromForm(formData: FormData): Record<string, number | string | null> {
  const values: Record<string, number | string | null> = {};
  for (const name of LIMIT_NAMES) {
    values[name] = read(formData, `${name}.mode`) === 'unlimited' ? null : maximum(read(formData, `${name}.max`));
  }
  return values;
}

/** The form's typed values, to show again after a refusal (React resets the form after an action). */
export function limitFormValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of LIMIT_NAMES) {
    values[`${name}.mode`] = read(formData, `${name}.mode`);
    values[`${name}.max`] = read(formData, `${name}.max`);
  }
  const reason = read(formData, 'reason');
  if (reason) values.reason = reason;
  return values;
}

/** A field error's key without the body's wrapper: `overrides.agents` and `values.agents` are the `agents` field. */
function limitFieldKey(path: ReadonlyArray<PropertyKey>): string {
  const [first, second] = path;
  if ((first === 'values' || first === 'overrides') && second !== undefined) return String(second);
  return String(first ?? 'form');
}

/** The schema's issues, or the API's `fields`, keyed by the limit they are about. */
export function limitFieldErrors(
  problems: ReadonlyArray<Issue> | Record<string, string> | undefined,
): Record<string, string> {
  const issues = Array.isArray(problems)
    ? problems
    : Object.entries(problems ?? {}).map(([key, message]) => ({ path: key.split('.'), message }));
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[limitFieldKey(issue.path)] ??= issue.message;
  return fields;
}

/** The form's own check failed: each limit's field says why. */
export function limitsFormRefusal(issues: ReadonlyArray<Issue>, values: Record<string, string>): FormState {
  return { status: 'error', message: 'Check the highlighted limits.', fields: limitFieldErrors(issues), values };
}

/** The API refused the change: its message, with its field errors keyed by limit. */
export function limitsApiRefusal(error: ApiErrorBody, values: Record<string, string>): FormState {
  return { ...apiErrorFormState(error, values), fields: limitFieldErrors(error.fields) };
}
