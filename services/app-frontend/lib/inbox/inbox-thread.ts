import { type ConversationDto, type MessageDto, type PlanLimitWayOut, SENDABLE_TYPES } from '@aerostic/shared';
import { text } from './inbox-content';

/** A message for `POST /conversations/:id/messages` (checked again by the server action with the shared schema). */
export type OutgoingMessage = { type: string; replyToMessageId?: string; [key: string]: unknown };

export type SendOutcome = { ok: true } | { ok: false; message: string; wayOut?: PlanLimitWayOut };
/** The AI's draft for the composer, or why there is none in the agent's words. */
export type SuggestOutcome = { ok: true; text: string } | { ok: false; message: string };

function timeOf(message: Pick<MessageDto, 'createdAt'>): number {
  const t = Date.parse(message.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Of two copies of the same message or conversation, the newer one: the API bumps `version` on every update of
 * the row, so whichever way the copies arrived (socket event, read, send response), the larger version wins.
 */
export function newer<T extends { version: number }>(current: T | undefined, incoming: T): T {
  return current && current.version > incoming.version ? current : incoming;
}

function newestById<T extends { id: string; version: number }>(current: T[], incoming: T[]): T[] {
  const byId = new Map(current.map((row) => [row.id, row]));
  for (const row of incoming) byId.set(row.id, newer(byId.get(row.id), row));
  return [...byId.values()];
}

/** Oldest first, one entry per id, each in its newest version. */
export function mergeMessages(current: MessageDto[], incoming: MessageDto[]): MessageDto[] {
  return newestById(current, incoming).sort((a, b) => timeOf(a) - timeOf(b) || a.id.localeCompare(b.id));
}

/** Newest activity first, as the API orders the inbox. */
export function sortConversations(conversations: ConversationDto[]): ConversationDto[] {
  const key = (c: ConversationDto) => Date.parse(c.lastMessageAt ?? c.createdAt) || 0;
  return [...conversations].sort((a, b) => key(b) - key(a) || b.id.localeCompare(a.id));
}

/** A further page appended to the list: one entry per id, each in its newest version, newest activity first. */
export function mergeConversations(current: ConversationDto[], incoming: ConversationDto[]): ConversationDto[] {
  return sortConversations(newestById(current, incoming));
}

/** Puts a pushed conversation in the list (or takes it out when it no longer matches the filters). */
export function upsertConversation(
  list: ConversationDto[],
  conversation: ConversationDto,
  belongs: boolean,
): ConversationDto[] {
  const rest = list.filter((c) => c.id !== conversation.id);
  return belongs ? sortConversations([...rest, conversation]) : rest;
}

export interface ReactionChip {
  emoji: string;
  /** "Customer" or "You/team". */
  by: 'customer' | 'team';
}

/**
 * Reactions to show under each message, keyed by wamid: the customer's come with the message itself
 * (`reactions`), the team's are outbound `reaction` messages pointing at the target's wamid. The newest reaction
 * of the team replaces older ones, and an empty emoji removes it, as on WhatsApp.
 */
export function teamReactions(messages: MessageDto[]): Map<string, string> {
  const byTarget = new Map<string, string>();
  for (const message of messages) {
    if (message.type !== 'reaction' || message.direction !== 'outbound' || message.status === 'failed') continue;
    const target = text(message.content, 'reaction', 'message_id');
    if (!target) continue;
    const emoji = text(message.content, 'reaction', 'emoji');
    if (emoji) byTarget.set(target, emoji);
    else byTarget.delete(target);
  }
  return byTarget;
}

export function reactionChips(message: MessageDto, team: Map<string, string>): ReactionChip[] {
  const chips: ReactionChip[] = [];
  const customer = message.reactions?.customer;
  if (customer) chips.push({ emoji: customer, by: 'customer' });
  const own = message.wamid ? team.get(message.wamid) : undefined;
  if (own) chips.push({ emoji: own, by: 'team' });
  return chips;
}

/**
 * The messages shown as bubbles: a reaction whose target is on screen is shown on that target instead.
 * One whose target is not loaded (older than the loaded page) stays as a small line of its own.
 */
export function visibleMessages(messages: MessageDto[]): MessageDto[] {
  const wamids = new Set(messages.map((m) => m.wamid).filter((w): w is string => Boolean(w)));
  return messages.filter((m) => {
    if (m.type !== 'reaction') return true;
    const target = text(m.content, 'reaction', 'message_id');
    return !target || !wamids.has(target);
  });
}

/** The message a reply quotes, when it is loaded. */
export function quotedMessage(messages: MessageDto[], message: MessageDto): MessageDto | undefined {
  const wamid =
    message.replyToWamid ?? text(message.content, 'context', 'id') ?? text(message.content, 'context', 'message_id');
  return wamid ? messages.find((m) => m.wamid === wamid) : undefined;
}

/** Number of conversations with unread messages: the tab title's count. */
export function unreadConversations(conversations: ConversationDto[]): number {
  return conversations.filter((c) => c.unreadCount > 0).length;
}

const RESENDABLE: readonly string[] = SENDABLE_TYPES.filter((type) => type !== 'reaction');

/**
 * The same content again, as a new send, for a failed outbound message. Undefined for what cannot simply be
 * re-sent (reactions point at a wamid, not at our message id).
 */
export function retryInput(message: MessageDto): OutgoingMessage | undefined {
  if (message.direction !== 'outbound' || !RESENDABLE.includes(message.type)) return undefined;
  const payload = message.content[message.type];
  if (payload === undefined || payload === null) return undefined;
  return { type: message.type, [message.type]: payload };
}
