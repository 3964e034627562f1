import type { ConversationDto, ConversationStatus } from '@aerostic/shared';

/** Which conversations the list shows; kept in the URL so a reload keeps the agent's place. */
export interface InboxFilters {
  status: ConversationStatus | 'all';
  view: InboxView;
  /** A WhatsApp account id, or undefined for every number. */
  number?: string;
  /** A team id, or undefined for every team (and none). */
  team?: string;
  q?: string;
}

export const INBOX_VIEWS = ['all', 'mine', 'unassigned'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_STATUSES = ['open', 'pending', 'resolved', 'all'] as const;

export const DEFAULT_FILTERS: InboxFilters = { status: 'open', view: 'all' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the URL's query; anything unknown falls back to the default rather than failing the page. */
export function parseInboxParams(params: SearchParamsRecord): { filters: InboxFilters; conversationId?: string } {
  const status = first(params.status);
  const view = first(params.view);
  const number = first(params.number);
  const team = first(params.team);
  const q = first(params.q)?.trim().slice(0, 100);
  const c = first(params.c);
  return {
    filters: {
      status: (INBOX_STATUSES as readonly string[]).includes(status ?? '')
        ? (status as InboxFilters['status'])
        : DEFAULT_FILTERS.status,
      view: (INBOX_VIEWS as readonly string[]).includes(view ?? '') ? (view as InboxView) : DEFAULT_FILTERS.view,
      number: number && UUID.test(number) ? number : undefined,
      team: team && UUID.test(team) ? team : undefined,
      q: q || undefined,
    },
    conversationId: c && UUID.test(c) ? c : undefined,
  };
}

/** The page's own URL for these filters and the open conversation; defaults are left out. */
export function inboxHref(filters: InboxFilters, conversationId?: string | null): string {
  const query = new URLSearchParams();
  if (conversationId) query.set('c', conversationId);
  if (filters.status !== DEFAULT_FILTERS.status) query.set('status', filters.status);
  if (filters.view !== DEFAULT_FILTERS.view) query.set('view', filters.view);
  if (filters.number) query.set('number', filters.number);
  if (filters.team) query.set('team', filters.team);
  if (filters.q) query.set('q', filters.q);
  const search = query.toString();
  return search ? `/dashboard/inbox?${search}` : '/dashboard/inbox';
}

/** `GET /conversations` query for these filters (see listConversationsQuerySchema). */
export function conversationsQuery(filters: InboxFilters, limit: number, cursor?: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  if (filters.status !== 'all') query.set('status', filters.status);
  if (filters.view === 'mine') query.set('assigneeId', 'me');
  if (filters.view === 'unassigned') query.set('unassigned', 'true');
  if (filters.number) query.set('whatsappAccountId', filters.number);
  if (filters.team) query.set('teamId', filters.team);
  if (filters.q) query.set('search', filters.q);
  return query.toString();
}

/**
 * Whether a conversation pushed over the socket belongs in the list as filtered. The search is left to the
 * API (it also matches numbers by digits), so a live conversation joins a searched list only after a refresh.
 */
export function matchesFilters(conversation: ConversationDto, filters: InboxFilters, userId: string): boolean {
  if (filters.q) return false;
  if (filters.status !== 'all' && conversation.status !== filters.status) return false;
  if (filters.view === 'mine' && conversation.assigneeId !== userId) return false;
  if (filters.view === 'unassigned' && conversation.assigneeId !== null) return false;
  if (filters.number && conversation.whatsappAccountId !== filters.number) return false;
  if (filters.team && conversation.teamId !== filters.team) return false;
  return true;
}

/**
 * Whether a pushed or just-updated conversation stays in (or joins) the loaded list. A searched list only keeps
 * the conversations it already has (the API decides what matches a search); the open conversation stays put
 * even when it stops matching, so the agent's view does not jump while they work on it.
 */
export function belongsInList(
  conversation: ConversationDto,
  filters: InboxFilters,
  userId: string,
  { inList, isOpen }: { inList: boolean; isOpen: boolean },
): boolean {
  if (isOpen && inList) return true;
  if (filters.q) return inList && matchesFilters(conversation, { ...filters, q: undefined }, userId);
  return matchesFilters(conversation, filters, userId);
}
