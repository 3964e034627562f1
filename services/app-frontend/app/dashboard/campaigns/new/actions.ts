'use server';

import { redirect } from 'next/navigation';
import {
  type CampaignDto,
  type CampaignPreviewDto,
  type PlanLimitWayOut,
  createCampaignSchema,
  previewCampaignSchema,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { getSession, isAdmin } from '@/lib/session/session';

/** What a wizard call hands back: the data, or the API's sentence and the fields it names. */
export type WizardResult<T> =
  { ok: true; data: T } | { ok: false; message: string; fields?: Record<string, string>; wayOut?: PlanLimitWayOut };

/** Recipients rendered in the preview: enough to check the variables, few enough to read. */
const PREVIEW_RECIPIENTS = 6;
const NOT_ADMIN = 'Only admins of the workspace can create campaigns.';

/** Field errors keyed by their whole path (`template.variables.1`), so each lands beside its own field. */
function invalid<T>(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): WizardResult<T> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  const { form, ...rest } = fields;
  return { ok: false, message: form ?? 'Check the highlighted fields.', fields: rest };
}

/** Who would receive it, who is skipped and why, the cost, and the message as the first recipients would read it. */
export async function previewCampaignAction(input: unknown): Promise<WizardResult<CampaignPreviewDto>> {
  if (!isAdmin(await getSession())) return { ok: false, message: NOT_ADMIN };
  const parsed = previewCampaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await apiFetch<CampaignPreviewDto>(`/campaigns/preview?limit=${PREVIEW_RECIPIENTS}`, {
    method: 'POST',
    body: parsed.data,
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  return { ok: true, data: result.data };
}

/** Creates the campaign (it starts now, or waits for `scheduledAt`) and opens its report. */
export async function createCampaignAction(input: unknown): Promise<WizardResult<never>> {
  if (!isAdmin(await getSession())) return { ok: false, message: NOT_ADMIN };
  const parsed = createCampaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await apiFetch<CampaignDto>('/campaigns', { method: 'POST', body: parsed.data });
  if (!result.ok) {
    const { message, fields, wayOut } = result.error;
    return { ok: false, message, fields, wayOut };
  }
  redirect(`/dashboard/campaigns/${result.data.id}`);
}
