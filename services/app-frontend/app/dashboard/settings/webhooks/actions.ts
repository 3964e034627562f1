'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import {
  type CreatedWebhookEndpointDto,
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
} from '@aerostic/shared';
import type { WebhookCreateState } from '@/components/integrations/webhook-state';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';

const NOT_ADMIN: FormState = { status: 'error', message: 'You need admin rights to manage webhooks.' };
const idSchema = z.uuid({ error: 'Unknown webhook endpoint or delivery' });

/** Actions are public endpoints: check the role here too, not only by hiding the page. */
async function isSignedInAdmin(): Promise<boolean> {
  return isAdmin(await getSession());
}

export async function createWebhookAction(
  _previous: WebhookCreateState,
  formData: FormData,
): Promise<WebhookCreateState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const values = { url: textValue(formData, 'url') };
  const parsed = createWebhookEndpointSchema.safeParse({ url: values.url.trim(), events: formData.getAll('events') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);
  const result = await apiFetch<CreatedWebhookEndpointDto>('/integrations/webhooks', {
    method: 'POST',
    body: parsed.data,
  });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  return { status: 'success', message: `Endpoint ${result.data.url} added.`, secret: result.data.secret };
}

/** One form per endpoint posts here with `intent`: save its events and state, delete it, or send a test event. */
export async function endpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const id = idSchema.safeParse(formData.get('endpointId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const path = `/integrations/webhooks/${id.data}`;
  const intent = textValue(formData, 'intent');
  if (intent === 'delete') {
    const result = await apiFetch<void>(path, { method: 'DELETE' });
    if (!result.ok) return apiErrorFormState(result.error);
    refresh();
    return { status: 'success', message: 'Endpoint deleted.' };
  }
  if (intent === 'test') {
    const result = await apiFetch<unknown>(`${path}/test`, { method: 'POST' });
    if (!result.ok) return apiErrorFormState(result.error);
    refresh();
    return { status: 'success', message: 'Test event queued.' };
  }
  const parsed = updateWebhookEndpointSchema.safeParse({
    events: formData.getAll('events'),
    enabled: formData.get('enabled') === 'on',
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues);
  const result = await apiFetch<unknown>(path, { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Endpoint saved.' };
}

export async function retryDeliveryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const endpointId = idSchema.safeParse(formData.get('endpointId'));
  const deliveryId = idSchema.safeParse(formData.get('deliveryId'));
  if (!endpointId.success) return invalidFormState(endpointId.error.issues);
  if (!deliveryId.success) return invalidFormState(deliveryId.error.issues);
  const result = await apiFetch<unknown>(
    `/integrations/webhooks/${endpointId.data}/deliveries/${deliveryId.data}/retry`,
    { method: 'POST' },
  );
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Queued again.' };
}
