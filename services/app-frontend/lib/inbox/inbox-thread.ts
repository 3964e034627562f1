import type { ConversationDto, MessageDto } from '@aerostic/shared';
import { text } from './inbox-content';

function timeOf(message: Pick<MessageDto, 'createdAt'>): number {
  const t = Date.parse(message.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

/** Oldest first, one entry per id; a later copy of a message (ticks moved on) replaces the earlier one. */
export function mergeMessages(current: MessageDto[], incoming: MessageDto[]): MessageDto[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, pickNewer(byId.get(message.id), message));
  return [...byId.values()].sort((a, b) => timeOf(a) - timeOf(b) || a.id.localeCompare(b.id));
}

/**
 * Messages or conversations as live events last brought them, in arrival order. The thread and the list are read
 * again on every (re)connection while events keep arriving, so a read can be older than an event already shown;
 * after a read, the versions that arrived since it started are put back over it (a photo's "stored" must not fall
 * back to "downloading", nor a new customer's conversation lose its first message, because a catch-up read them a
 * moment earlier). An event is always at least as new as the state it was emitted for.
 */
export class LiveVersions<T extends { id: string }> {
  private seq = 0;
  private readonly byId = new Map<string, { item: T; seq: number }>();

  record(item: T): void {
    this.byId.set(item.id, { item, seq: ++this.seq });
  }

  /** A point to compare with: taken before a read starts. */
  mark(): number {
    return this.seq;
  }

  /** The latest version of each item (of those `keep` accepts) that arrived after `mark`. */
  since(mark: number, keep: (item: T) => boolean = () => true): T[] {
    return [...this.byId.values()].filter((entry) => entry.seq > mark && keep(entry.item)).map((entry) => entry.item);
  }

  /** What arrived up to `mark` was read since. */
  forget(mark: number): void {
    for (const [id, entry] of this.byId) if (entry.seq <= mark) this.byId.delete(id);
  }

  /** Another conversation was opened: what was kept belongs to the old one. */
  clear(): void {
    this.byId.clear();
  }
}

const TICK_ORDER: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4, received: 0 };

/** Socket events and refetches can arrive out of order: ticks never go backwards on screen either. */
function pickNewer(existing: MessageDto | undefined, incoming: MessageDto): MessageDto {
  if (!existing) return incoming;
  const rank = (m: MessageDto) => TICK_ORDER[m.status] ?? 0;
  if (rank(incoming) < rank(existing)) return { ...incoming, status: existing.status, error: existing.error };
  return incoming;
}

/** Newest activity first, as the API orders the inbox. */
export function sortConversations(conversations: ConversationDto[]): ConversationDto[] {
  const key = (c: ConversationDto) => Date.parse(c.lastMessageAt ?? c.createdAt) || 0;
  return [...conversations].sort((a, b) => key(b) - key(a) || b.id.localeCompare(a.id));
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

const RESENDABLE = [
  'text',
  'image',
  'video',
  'audio',
  'sticker',
  'document',
  'location',
  'contacts',
  'interactive',
  'template',
];

/**
 * The same content again, as a new send, for a failed outbound message. Undefined for what cannot simply be
 * re-sent (reactions point at a wamid, not at our message id).
 */
export function retryInput(message: MessageDto): { type: string; [key: string]: unknown } | undefined {
  if (message.direction !== 'outbound' || !RESENDABLE.includes(message.type)) return undefined;
  const payload = message.content[message.type];
  if (payload === undefined || payload === null) return undefined;
  return { type: message.type, [message.type]: payload };
}
