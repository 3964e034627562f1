'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { createApiKeySchema, type CreatedApiKeyDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';
import { type CreateApiKeyState } from '@/components/api-keys/create-api-key-form';

const NOT_ADMIN = 'You need admin rights to manage API keys.';
const keyIdSchema = z.uuid({ error: 'Unknown API key' });

/** The new key comes back in the state once, to be shown and copied; the API never answers it again. */
export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const values = { name: textValue(formData, 'name') };
  const scopes = formData.getAll('scopes').filter((s): s is string => typeof s === 'string');
  const parsed = createApiKeySchema.safeParse({ name: values.name, scopes });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<CreatedApiKeyDto>('/api-keys', { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: `API key “${result.data.name}” created.`, created: result.data };
}

export async function revokeApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const id = keyIdSchema.safeParse(formData.get('keyId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/api-keys/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  return { status: 'success', message: 'API key revoked.' };
}
