'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  type ContactDto,
  type ConversationDto,
  createContactSchema,
  type MessageDto,
  sendMessageSchema,
  updateContactSchema,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { listApprovedTemplates } from '@/lib/inbox/inbox-api';
import { missingValues, placeholders, templateMessage, type TemplateValues } from '@/lib/inbox/inbox-templates';
import { getSession } from '@/lib/session/session';

const contactIdSchema = z.uuid({ error: 'Unknown contact' });
const accountIdSchema = z.uuid({ error: 'Choose one of your WhatsApp numbers' });
const idempotencyKeySchema = z.uuid();

/** Tags as typed in one box: separated by commas (or `;`, as in the CSV file). */
function splitTags(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** The attribute rows of the form: `attributeKey` and `attributeValue` repeat once per row, in order. */
function attributeRows(formData: FormData): Array<{ key: string; value: string }> {
  const keys = formData.getAll('attributeKey');
  const values = formData.getAll('attributeValue');
  return keys
    .map((key, i) => ({ key: typeof key === 'string' ? key : '', value: String(values[i] ?? '') }))
    .filter((row) => row.key.trim() !== '' || row.value.trim() !== '');
}

function attributesObject(rows: Array<{ key: string; value: string }>): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const row of rows) {
    if (row.key.trim() === '') return `Give the attribute with the value "${row.value.slice(0, 30)}" a name`;
    if (row.key in out) return `The attribute "${row.key}" is listed twice`;
    out[row.key] = row.value;
  }
  return out;
}

/** Creates a contact, or updates it when the form carries its `contactId`. Any member may do both. */
export async function saveContactAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await getSession();
  const rows = attributeRows(formData);
  const values = {
    phone: textValue(formData, 'phone'),
    name: textValue(formData, 'name'),
    tags: textValue(formData, 'tags'),
    marketingConsent: textValue(formData, 'marketingConsent'),
    attributes: JSON.stringify(rows),
  };
  const attributes = attributesObject(rows);
  if (typeof attributes === 'string') {
    return { status: 'error', message: 'Check the highlighted fields.', fields: { attributes }, values };
  }
  const body = {
    name: values.name,
    tags: splitTags(values.tags),
    attributes,
    marketingConsent: values.marketingConsent,
  };

  const rawId = formData.get('contactId');
  if (rawId) {
    const id = contactIdSchema.safeParse(rawId);
    if (!id.success) return invalidFormState(id.error.issues, values);
    const parsed = updateContactSchema.safeParse(body);
    if (!parsed.success) return invalidFormState(parsed.error.issues, values);
    const result = await apiFetch<ContactDto>(`/contacts/${id.data}`, { method: 'PATCH', body: parsed.data });
    if (!result.ok) return apiErrorFormState(result.error, values);
    refresh();
    return { status: 'success', message: `${result.data.displayName} is saved.`, values };
  }

  const parsed = createContactSchema.safeParse({ ...body, phone: values.phone });
  // The schema names number problems `waId`; the form's field is `phone`.
  if (!parsed.success) {
    const state = invalidFormState(parsed.error.issues, values);
    return renameField(state, 'waId', 'phone');
  }
  const result = await apiFetch<ContactDto>('/contacts', { method: 'POST', body: parsed.data });
  if (!result.ok) return renameField(apiErrorFormState(result.error, values), 'waId', 'phone');
  refresh();
  return { status: 'success', message: `${result.data.displayName} was added to your contacts.` };
}

function renameField(state: FormState, from: string, to: string): FormState {
  if (!state.fields || !(from in state.fields)) return state;
  const { [from]: message, ...rest } = state.fields;
  return { ...state, fields: { ...rest, [to]: message! } };
}

/**
 * Writes to a contact first: opens (or finds) their conversation on the chosen number and sends an approved
 * template, the only message WhatsApp allows outside the 24-hour window. Then opens the conversation.
 */
export async function startConversationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await getSession();
  const contactId = contactIdSchema.safeParse(formData.get('contactId'));
  if (!contactId.success) return invalidFormState(contactId.error.issues);
  const accountId = accountIdSchema.safeParse(formData.get('whatsappAccountId'));
  if (!accountId.success) {
    return {
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { whatsappAccountId: accountId.error.issues[0]!.message },
    };
  }

  // The template is looked up again here: the browser only names it.
  const templates = await listApprovedTemplates(accountId.data);
  if (!templates.available) return { status: 'error', message: templates.message };
  const template = templates.templates.find((t) => t.id === textValue(formData, 'templateId'));
  if (!template) {
    return {
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { templateId: 'Choose one of the approved templates of this number' },
    };
  }
  const values: TemplateValues = { header: {}, body: {} };
  for (const part of ['header', 'body'] as const) {
    const source = part === 'header' ? template.header?.text : template.body;
    for (const key of placeholders(source)) values[part][key] = textValue(formData, `${part}.${key}`);
  }
  const missing = missingValues(template, values);
  if (missing.length > 0) {
    return { status: 'error', message: `Fill in every variable of the template: ${missing.join(', ')}.` };
  }
  const message = sendMessageSchema.safeParse({ type: 'template', template: templateMessage(template, values) });
  if (!message.success) return invalidFormState(message.error.issues);

  const conversation = await apiFetch<ConversationDto>(`/contacts/${contactId.data}/conversations`, {
    method: 'POST',
    body: { whatsappAccountId: accountId.data },
  });
  if (!conversation.ok) return apiErrorFormState(conversation.error);

  const key = idempotencyKeySchema.safeParse(formData.get('idempotencyKey'));
  const sent = await apiFetch<MessageDto>(`/conversations/${conversation.data.id}/messages`, {
    method: 'POST',
    body: message.data,
    idempotencyKey: key.success ? key.data : undefined,
  });
  if (!sent.ok) return apiErrorFormState(sent.error);

  redirect(`/dashboard/inbox?c=${conversation.data.id}`);
}
