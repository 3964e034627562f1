'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import type { CampaignDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';
import { getSession } from '@/lib/session/session';

const campaignIdSchema = z.uuid({ error: 'That campaign does not exist.' });

async function control(formData: FormData, verb: 'pause' | 'resume' | 'cancel', done: string): Promise<FormState> {
  await getSession();
  const id = campaignIdSchema.safeParse(formData.get('campaignId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const result = await apiFetch<CampaignDto>(`/campaigns/${id.data}/${verb}`, { method: 'POST' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: done };
}

/** Stops sending after the messages already handed to Meta; nothing is lost, resume carries on. */
export async function pauseCampaignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return control(formData, 'pause', 'Campaign paused.');
}

export async function resumeCampaignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return control(formData, 'resume', 'Campaign resumed.');
}

/** Recipients not sent yet are cancelled for good; what was sent stays in the report. */
export async function cancelCampaignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return control(formData, 'cancel', 'Campaign cancelled.');
}
