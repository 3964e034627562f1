'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { type CampaignDto, createCampaignSchema } from '@aerostic/shared';
import type { CampaignPreviewDto } from '@/lib/campaigns/campaign-preview';
import { apiFetch } from '@/lib/api';
import { getSession } from '@/lib/session/session';

/** What a wizard call hands back: the data, or the API's sentence and the fields it names. */
export type WizardResult<T> = { ok: true; data: T } | { ok: false; message: string; fields?: Record<string, string> };

const idempotencyKeySchema = z.uuid({ error: 'The form needs a fresh key; reload the page.' });
/** The preview needs everything but the name, which the last step asks for. */
const previewSchema = createCampaignSchema.omit({ name: true });

/** Field errors keyed by their whole path (`template.variables.1`), so each lands beside its own field. */
function invalid<T>(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): WizardResult<T> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  const { form, ...rest } = fields;
  return { ok: false, message: form ?? 'Check the highlighted fields.', fields: rest };
}

/** Who would receive it, who is skipped and why, the cost, and the message as some recipients would read it. */
export async function previewCampaignAction(input: unknown): Promise<WizardResult<CampaignPreviewDto>> {
  await getSession();
  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await apiFetch<CampaignPreviewDto>('/campaigns/preview', { method: 'POST', body: parsed.data });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  return { ok: true, data: result.data };
}

/** Creates the campaign (it starts now, or waits for `scheduledAt`) and opens its report. */
export async function createCampaignAction(input: unknown, idempotencyKey: string): Promise<WizardResult<never>> {
  await getSession();
  const parsed = createCampaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) return invalid(key.error.issues);
  const result = await apiFetch<CampaignDto>('/campaigns', {
    method: 'POST',
    body: parsed.data,
    idempotencyKey: key.data,
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  redirect(`/dashboard/campaigns/${result.data.id}`);
}
