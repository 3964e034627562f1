'use server';

import { z } from 'zod';
import {
  type ConversationDto,
  type MessageDto,
  type NoteDto,
  type Page,
  type ReplySuggestionDto,
  createNoteSchema,
  sendMessageSchema,
  updateConversationSchema,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { fieldErrorsFromIssues } from '@/lib/form-state';
import {
  type InboxResult,
  type TemplatesResult,
  type ThreadData,
  listApprovedTemplates,
  listConversations,
  listMessages,
  loadThread,
} from '@/lib/inbox/inbox-api';
import { type InboxFilters, parseInboxParams } from '@/lib/inbox/inbox-query';
import { getSession } from '@/lib/session/session';

/**
 * The inbox's reads and writes from the browser. Each one checks the session (a stale cookie sends the person to
 * log in), validates its input with the shared schema and answers the API's own sentence on failure.
 */

const idSchema = z.uuid({ error: 'That conversation does not exist.' });
const idempotencyKeySchema = z.uuid({ error: 'The send needs a fresh idempotency key; reload the page.' });
const cursorSchema = z.string().max(500).nullable().optional();

function invalid<T>(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): InboxResult<T> {
  const fields = fieldErrorsFromIssues(issues);
  return { ok: false, status: 400, message: Object.values(fields).join(' ') || 'Check what you entered.', fields };
}

export async function loadConversationsAction(
  filters: InboxFilters,
  cursor?: string | null,
): Promise<InboxResult<Page<ConversationDto>>> {
  await getSession();
  // Re-read through the URL parser: the browser's filters are only a suggestion.
  const { filters: safe } = parseInboxParams({ ...filters, number: filters.number, q: filters.q });
  const parsedCursor = cursorSchema.safeParse(cursor);
  if (!parsedCursor.success) return invalid(parsedCursor.error.issues);
  return listConversations(safe, parsedCursor.data);
}

/** Everything the thread and the contact panel show for one conversation. */
export async function loadThreadAction(conversationId: string): Promise<InboxResult<ThreadData>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  return loadThread(id.data);
}

export async function loadOlderMessagesAction(
  conversationId: string,
  cursor: string,
): Promise<InboxResult<Page<MessageDto>>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const parsedCursor = z.string().min(1).max(500).safeParse(cursor);
  if (!parsedCursor.success) return invalid(parsedCursor.error.issues);
  return listMessages(id.data, parsedCursor.data);
}

/**
 * Sends any message type. The composer stays busy until the answer, and the browser names each send with an
 * idempotency key, so a repeated request answers the first message instead of sending twice.
 */
export async function sendMessageAction(
  conversationId: string,
  input: unknown,
  idempotencyKey: string,
): Promise<InboxResult<MessageDto>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) return invalid(key.error.issues);
  const body = sendMessageSchema.safeParse(input);
  if (!body.success) return invalid(body.error.issues);
  const result = await apiFetch<MessageDto>(`/conversations/${id.data}/messages`, {
    method: 'POST',
    body: body.data,
    idempotencyKey: key.data,
  });
  if (result.ok) return { ok: true, data: result.data };
  // A 402 (the plan's monthly messages) carries the plan that allows more.
  const { message, fields, wayOut } = result.error;
  return { ok: false, status: result.status, message, fields, wayOut };
}

/** A draft reply from the AI for the agent to edit; the API sends nothing. */
export async function suggestReplyAction(conversationId: string): Promise<InboxResult<ReplySuggestionDto>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const result = await apiFetch<ReplySuggestionDto>(`/conversations/${id.data}/suggest-reply`, { method: 'POST' });
  if (result.ok) return { ok: true, data: result.data };
  return { ok: false, status: result.status, message: result.error.message };
}

export async function updateConversationAction(
  conversationId: string,
  patch: unknown,
): Promise<InboxResult<ConversationDto>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const body = updateConversationSchema.safeParse(patch);
  if (!body.success) return invalid(body.error.issues);
  const result = await apiFetch<ConversationDto>(`/conversations/${id.data}`, { method: 'PATCH', body: body.data });
  if (result.ok) return { ok: true, data: result.data };
  return { ok: false, status: result.status, message: result.error.message, fields: result.error.fields };
}

export async function markReadAction(conversationId: string): Promise<InboxResult<ConversationDto>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const result = await apiFetch<ConversationDto>(`/conversations/${id.data}/read`, { method: 'POST' });
  if (result.ok) return { ok: true, data: result.data };
  return { ok: false, status: result.status, message: result.error.message };
}

export async function addNoteAction(conversationId: string, body: string): Promise<InboxResult<NoteDto>> {
  await getSession();
  const id = idSchema.safeParse(conversationId);
  if (!id.success) return invalid(id.error.issues);
  const note = createNoteSchema.safeParse({ body });
  if (!note.success) return invalid(note.error.issues);
  const result = await apiFetch<NoteDto>(`/conversations/${id.data}/notes`, { method: 'POST', body: note.data });
  if (result.ok) return { ok: true, data: result.data };
  return { ok: false, status: result.status, message: result.error.message, fields: result.error.fields };
}

export async function listTemplatesAction(whatsappAccountId: string): Promise<TemplatesResult> {
  await getSession();
  const id = z.uuid().safeParse(whatsappAccountId);
  if (!id.success) return { available: false, message: 'This conversation has no WhatsApp number.' };
  return listApprovedTemplates(id.data);
}
