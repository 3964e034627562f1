'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { type WhatsAppAccountDto, embeddedSignupSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';
import type { ConnectOutcome } from '@/lib/whatsapp/whatsapp-signup';

const NOT_ADMIN = 'You need admin rights to connect or disconnect WhatsApp numbers.';
const accountIdSchema = z.uuid({ error: 'Unknown WhatsApp number' });

/**
 * Hands what Meta's popup gave the browser to the API, which checks every id with Meta before it stores
 * anything. Called by the connect button once both the ids and the code are in.
 */
export async function connectWhatsAppAction(input: unknown): Promise<ConnectOutcome> {
  if (!isAdmin(await getSession())) return { ok: false, message: NOT_ADMIN };
  const parsed = embeddedSignupSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => issue.message).join('; ');
    return {
      ok: false,
      message: `The sign-up window sent incomplete details (${details}), so nothing was connected. Start again.`,
    };
  }

  const result = await apiFetch<WhatsAppAccountDto>('/whatsapp/embedded-signup', {
    method: 'POST',
    body: parsed.data,
  });
  // 403 WABA not shared, 409 number in another workspace, 422 Meta's own error: the API's message says which;
  // 402 the plan's number limit, with the plan that allows more.
  if (!result.ok) return { ok: false, message: result.error.message, wayOut: result.error.wayOut };

  refresh();
  return { ok: true, displayPhoneNumber: result.data.displayPhoneNumber };
}

/** Stops this workspace receiving the number's messages; its conversations stay. */
export async function disconnectWhatsAppAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const id = accountIdSchema.safeParse(formData.get('accountId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/whatsapp/accounts/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  return { status: 'success', message: 'Number disconnected.' };
}
