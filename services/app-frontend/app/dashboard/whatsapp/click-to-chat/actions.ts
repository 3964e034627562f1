'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { type ChatEntryPointDto, createEntryPointSchema, updateEntryPointSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';

const NOT_ADMIN = 'You need admin rights to manage click-to-chat links.';
const idSchema = z.uuid({ error: 'Unknown entry point' });

/** The form's fields as the API's body: widget settings only when the entry point is a widget. */
function formValues(formData: FormData) {
  return {
    whatsappAccountId: textValue(formData, 'whatsappAccountId'),
    name: textValue(formData, 'name'),
    kind: textValue(formData, 'kind'),
    prefilledText: textValue(formData, 'prefilledText'),
    greeting: textValue(formData, 'greeting'),
    position: textValue(formData, 'position'),
    color: textValue(formData, 'color'),
  };
}

const widgetOf = (values: ReturnType<typeof formValues>) =>
  values.kind === 'widget'
    ? { widget: { greeting: values.greeting, position: values.position, color: values.color } }
    : {};

/** Field errors of `widget.greeting` are shown under the field named `greeting`. */
function withFlatWidgetFields(state: FormState): FormState {
  if (!state.fields) return state;
  const fields = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => [k.replace(/^widget\./, ''), v]));
  return { ...state, fields };
}

export async function createEntryPointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const values = formValues(formData);
  const parsed = createEntryPointSchema.safeParse({
    whatsappAccountId: values.whatsappAccountId,
    name: values.name,
    kind: values.kind,
    prefilledText: values.prefilledText,
    ...widgetOf(values),
  });
  if (!parsed.success) return withFlatWidgetFields(invalidFormState(parsed.error.issues, values));

  const result = await apiFetch<ChatEntryPointDto>('/click-to-chat/entry-points', {
    method: 'POST',
    body: parsed.data,
  });
  if (!result.ok) return withFlatWidgetFields(apiErrorFormState(result.error, values));

  refresh();
  return { status: 'success', message: `“${result.data.name}” created.` };
}

export async function updateEntryPointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const id = idSchema.safeParse(formData.get('entryPointId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const values = formValues(formData);
  const parsed = updateEntryPointSchema.safeParse({
    name: values.name,
    prefilledText: values.prefilledText,
    ...widgetOf(values),
  });
  if (!parsed.success) return withFlatWidgetFields(invalidFormState(parsed.error.issues, values));

  const result = await apiFetch<ChatEntryPointDto>(`/click-to-chat/entry-points/${id.data}`, {
    method: 'PATCH',
    body: parsed.data,
  });
  if (!result.ok) return withFlatWidgetFields(apiErrorFormState(result.error, values));

  refresh();
  return { status: 'success', message: `“${result.data.name}” saved.`, values };
}

export async function deleteEntryPointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const id = idSchema.safeParse(formData.get('entryPointId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/click-to-chat/entry-points/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  return { status: 'success', message: 'Deleted.' };
}
