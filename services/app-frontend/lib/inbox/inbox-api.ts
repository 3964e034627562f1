import 'server-only';
import type {
  ApiErrorBody,
  ContactDto,
  ContactSummaryDto,
  ConversationDto,
  MessageDto,
  NoteDto,
  Page,
  PlanLimitWayOut,
  TeamDto,
  TemplateDto,
  UserDto,
  WhatsAppAccountDto,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { type InboxFilters, conversationsQuery } from './inbox-query';
import { type InboxTemplate, toInboxTemplate } from './inbox-templates';

/** What an inbox read or action hands to the browser: data, or the API's sentence and field errors. */
export type InboxResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fields?: ApiErrorBody['fields']; wayOut?: PlanLimitWayOut };

export const CONVERSATIONS_PAGE_SIZE = 30;
export const MESSAGES_PAGE_SIZE = 40;

async function get<T>(path: string): Promise<InboxResult<T>> {
  const result = await apiFetch<T>(path);
  if (result.ok) return { ok: true, data: result.data };
  return { ok: false, status: result.status, message: result.error.message, fields: result.error.fields };
}

export function listConversations(filters: InboxFilters, cursor?: string | null) {
  return get<Page<ConversationDto>>(`/conversations?${conversationsQuery(filters, CONVERSATIONS_PAGE_SIZE, cursor)}`);
}

export function getConversation(id: string) {
  return get<ConversationDto>(`/conversations/${encodeURIComponent(id)}`);
}

/** Newest first from the API; the thread shows them oldest first. */
export function listMessages(conversationId: string, cursor?: string | null) {
  const query = new URLSearchParams({ limit: String(MESSAGES_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return get<Page<MessageDto>>(`/conversations/${encodeURIComponent(conversationId)}/messages?${query}`);
}

export function listNotes(conversationId: string) {
  return get<Page<NoteDto>>(`/conversations/${encodeURIComponent(conversationId)}/notes?limit=100`);
}

export function getContact(contactId: string) {
  return get<ContactDto>(`/contacts/${encodeURIComponent(contactId)}`);
}

/** The contact's conversations on every number: the API's search matches the number's digits. */
export async function contactConversations(contact: ContactSummaryDto): Promise<InboxResult<ConversationDto[]>> {
  // Searched by what the contact is found by (number, username or name), then kept only if it is this contact.
  const search = contact.waId ?? contact.username ?? contact.displayName;
  const query = new URLSearchParams({ limit: '20', search });
  const result = await get<Page<ConversationDto>>(`/conversations?${query}`);
  return result.ok ? { ok: true, data: result.data.data.filter((c) => c.contact.id === contact.id) } : result;
}

/** Active members an agent can assign to (the first 200; larger teams search in a later version). */
export async function listTeam(): Promise<UserDto[]> {
  const result = await get<Page<UserDto>>('/users?limit=200');
  return result.ok ? result.data.data.filter((u) => u.status === 'active') : [];
}

/** The workspace's teams, for the inbox's team filter. */
export async function listTeams(): Promise<TeamDto[]> {
  const result = await get<Page<TeamDto>>('/teams?limit=100');
  return result.ok ? result.data.data : [];
}

export async function listAccounts(): Promise<WhatsAppAccountDto[]> {
  const result = await get<WhatsAppAccountDto[]>('/whatsapp/accounts');
  return result.ok ? result.data : [];
}

export type TemplatesResult = { available: true; templates: InboxTemplate[] } | { available: false; message: string };

/** Approved templates of a number. A server without the templates API (404) reads as "not available". */
export async function listApprovedTemplates(whatsappAccountId: string): Promise<TemplatesResult> {
  const query = new URLSearchParams({ whatsappAccountId, status: 'APPROVED', limit: '200' });
  const result = await apiFetch<Page<TemplateDto>>(`/templates?${query}`);
  if (!result.ok) {
    return {
      available: false,
      message:
        result.status === 404
          ? 'Templates are not available on this server yet, so nothing can be sent while the window is closed.'
          : result.error.message,
    };
  }
  return { available: true, templates: result.data.data.map(toInboxTemplate) };
}

export interface ThreadData {
  conversation: ConversationDto;
  messages: Page<MessageDto>;
  notes: NoteDto[];
  contact: ContactDto | null;
  otherConversations: ConversationDto[];
}

/** Everything the thread and the contact panel show for one conversation. */
export async function loadThread(id: string): Promise<InboxResult<ThreadData>> {
  const [conversation, messages, notes] = await Promise.all([getConversation(id), listMessages(id), listNotes(id)]);
  if (!conversation.ok) return conversation;
  if (!messages.ok) return messages;
  const [contact, others] = await Promise.all([
    getContact(conversation.data.contact.id),
    contactConversations(conversation.data.contact),
  ]);
  return {
    ok: true,
    data: {
      conversation: conversation.data,
      messages: messages.data,
      notes: notes.ok ? notes.data.data : [],
      contact: contact.ok ? contact.data : null,
      otherConversations: others.ok ? others.data.filter((c) => c.id !== id) : [],
    },
  };
}
