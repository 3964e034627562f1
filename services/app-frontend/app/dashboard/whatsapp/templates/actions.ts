'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { createTemplateSchema, type TemplateDto, type TemplateSyncResultDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';
import {
  apiFieldErrors,
  templateFieldErrors,
  templateFormValues,
  toCreateTemplateBody,
} from '@/lib/templates/template-form';

const NOT_ADMIN = 'You need admin rights to manage message templates.';
const templateIdSchema = z.uuid({ error: 'Unknown template' });

/** Submits a new template to Meta for review; it shows as Pending until Meta decides. */
export async function createTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const values = templateFormValues(formData);
  // React resets the form after an action: the form re-reads what was sent from here.
  const sent = { form: JSON.stringify(values) };
  const { body, layout } = toCreateTemplateBody(values);
  const parsed = createTemplateSchema.safeParse(body);
  if (!parsed.success) {
    return {
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: templateFieldErrors(parsed.error.issues, layout),
      values: sent,
    };
  }

  const result = await apiFetch<TemplateDto>('/templates', { method: 'POST', body: parsed.data });
  if (!result.ok) {
    return { ...apiErrorFormState(result.error, sent), fields: apiFieldErrors(result.error.fields, layout) };
  }
  refresh();
  return {
    status: 'success',
    message: `“${result.data.name}” was sent to Meta for review. It can be used once Meta approves it.`,
  };
}

/** Reads every template of the workspace's numbers from Meta again. */
export async function syncTemplatesAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const result = await apiFetch<TemplateSyncResultDto>('/templates/sync', { method: 'POST', body: {} });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  const { created, updated, removed } = result.data;
  const changes = [
    created > 0 && `${created} new`,
    updated > 0 && `${updated} changed`,
    removed > 0 && `${removed} no longer at Meta`,
  ].filter(Boolean);
  return {
    status: 'success',
    message: changes.length > 0 ? `Templates synced: ${changes.join(', ')}.` : 'Templates synced: no changes.',
  };
}

/** Deletes the template (this language) at Meta and here. */
export async function deleteTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const id = templateIdSchema.safeParse(formData.get('templateId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const result = await apiFetch<void>(`/templates/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Template deleted.' };
}
