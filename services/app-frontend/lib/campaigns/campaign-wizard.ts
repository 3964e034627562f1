import type { CampaignAudience } from '@aerostic/shared';
import { zonedDateTimeToIso } from './campaign-time';

export const WIZARD_STEPS = [
  { id: 'audience', label: 'Audience' },
  { id: 'template', label: 'Template' },
  { id: 'variables', label: 'Variables' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'review', label: 'Review' },
] as const;

export type WizardStep = (typeof WIZARD_STEPS)[number]['id'];

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.findIndex((s) => s.id === step);
}

export interface AttributeFilterRow {
  id: number;
  key: string;
  value: string;
}

export interface CsvAudience {
  fileName: string;
  contactIds: string[];
  rejected: Array<{ line: number; reason: string }>;
}

export interface AudienceDraft {
  mode: 'filter' | 'csv';
  /** Tags as typed: separated by commas. */
  tags: string;
  attributes: AttributeFilterRow[];
  csv: CsvAudience | null;
}

export const EMPTY_AUDIENCE: AudienceDraft = { mode: 'filter', tags: '', attributes: [], csv: null };

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The request's `audience`: the contacts of a CSV upload, or the contacts matching every tag and attribute
 * given. Both empty is refused rather than read as "everyone", so a campaign never goes to all contacts by accident.
 */
export function audienceOf(draft: AudienceDraft): Checked<CampaignAudience> {
  if (draft.mode === 'csv') {
    if (!draft.csv) return { ok: false, errors: { 'audience.file': 'Upload a CSV file of recipients' } };
    if (draft.csv.contactIds.length === 0) {
      return { ok: false, errors: { 'audience.file': 'No line of this file is a recipient: see the errors below' } };
    }
    return { ok: true, value: { contactIds: draft.csv.contactIds } };
  }
  const tags = splitTags(draft.tags);
  const attributes: Record<string, string> = {};
  for (const row of draft.attributes) {
    const key = row.key.trim();
    if (key === '' && row.value.trim() === '') continue;
    if (key === '') return { ok: false, errors: { 'audience.attributes': 'Name each attribute you filter on' } };
    if (key in attributes) {
      return { ok: false, errors: { 'audience.attributes': `The attribute "${key}" is listed twice` } };
    }
    attributes[key] = row.value.trim();
  }
  if (tags.length === 0 && Object.keys(attributes).length === 0) {
    return {
      ok: false,
      errors: { 'audience.tags': 'Choose the recipients: give at least one tag or attribute, or upload a CSV file' },
    };
  }
  return {
    ok: true,
    value: { ...(tags.length > 0 && { tags }), ...(Object.keys(attributes).length > 0 && { attributes }) },
  };
}

export interface ScheduleDraft {
  mode: 'now' | 'later';
  date: string;
  time: string;
}

/** `scheduledAt` for the request: none to start now, or the instant typed on the workspace's clock. */
export function scheduledAtOf(
  draft: ScheduleDraft,
  timeZone: string,
  now: number = Date.now(),
): Checked<string | undefined> {
  if (draft.mode === 'now') return { ok: true, value: undefined };
  const result = zonedDateTimeToIso(draft.date, draft.time, timeZone);
  if (!result.ok) return { ok: false, errors: { scheduledAt: result.message } };
  if (Date.parse(result.iso) <= now) {
    return { ok: false, errors: { scheduledAt: 'Choose a time in the future, or send it now' } };
  }
  return { ok: true, value: result.iso };
}

/** The step that holds a field the API or a check named, so the wizard can go back to it. */
export function stepOfField(field: string): WizardStep {
  if (field === 'audience' || field.startsWith('audience.')) return 'audience';
  if (field.startsWith('template.variables')) return 'variables';
  if (field === 'whatsappAccountId' || field === 'template' || field.startsWith('template.')) return 'template';
  if (field === 'scheduledAt') return 'schedule';
  return 'review';
}

/** The earliest step with an error, or null when none has. */
export function firstStepWithError(fields: Record<string, string> | undefined): WizardStep | null {
  const steps = Object.keys(fields ?? {}).map(stepOfField);
  if (steps.length === 0) return null;
  return steps.reduce((first, step) => (stepIndex(step) < stepIndex(first) ? step : first));
}

/** The errors of one step, by field name. */
export function errorsOfStep(fields: Record<string, string> | undefined, step: WizardStep): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([field]) => stepOfField(field) === step));
}
