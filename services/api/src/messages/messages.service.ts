import { Injectable } from '@nestjs/common';
import {
  type MessageDto,
  type Page,
  type PageQuery,
  type SendResultJob,
  type WebhookEventType,
} from '@aerostic/shared';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { type InboundActivity } from '../conversations/conversation.repository';
import { ConversationsService } from '../conversations/conversations.service';
import { type Conversation, type Message } from '../database/entities';
import { Transactions } from '../database/sql';
import { WebhookEvents } from '../integrations/webhook-events';
import { RealtimeService } from '../realtime/realtime.service';
import { UsageService } from '../usage/usage.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { toMessageDto } from './message.mapper';
import {
  type DailyMessageCounts,
  type InboundMessageRow,
  type MessageCounts,
  MessageRepository,
  type StatusRecord,
} from './message.repository';
import { ReactionTargets } from './reaction-targets';

/** An inbound message to store: its row, and the preview its conversation shows when it is the newest. */
export interface InboundMessageInput extends InboundMessageRow {
  preview: string;
  /** For a reaction: the wamid of the message it reacts to. */
  reactsTo: string | null;
}

export interface StoredInbound {
  /** Per input, in order: the stored message, or null when its wamid was stored already (or repeated). */
  messages: (Message | null)[];
  /** Every conversation that gained a message, as the batch left it, by id. */
  conversations: Map<string, Conversation>;
}

/**
 * Messages and their delivery statuses: the only module that writes them. Storing an inbound message and moving its
 * conversation happen in one transaction, so the unread count and the preview never miss a stored message.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly conversations: ConversationsService,
    private readonly accounts: WhatsAppAccountsService,
    private readonly transactions: Transactions,
    private readonly reactionTargets: ReactionTargets,
    private readonly realtime: RealtimeService,
    private readonly usage: UsageService,
    private readonly webhooks: WebhookEvents,
  ) {}

  async list(principal: Principal, conversationId: string, query: PageQuery): Promise<Page<MessageDto>> {
    await this.conversations.get(principal.tenantId, conversationId);
    const rows = await this.messages.listPage(
      principal.tenantId,
      conversationId,
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toMessageDto);
  }

  findById(tenantId: string, id: string): Promise<Message | null> {
    return this.messages.findById(tenantId, id);
  }

  /** Up to `take` messages of the conversation stored before `message`, newest first (the AI's context). */
  listBefore(tenantId: string, conversationId: string, message: Message, take: number): Promise<Message[]> {
    return this.messages.listPage(tenantId, conversationId, { createdAt: message.createdAt, id: message.id }, take);
  }

  /** The customer's latest message in the conversation, by when it was stored. */
  latestInbound(tenantId: string, conversationId: string): Promise<Message | null> {
    return this.messages.latestInbound(tenantId, conversationId);
  }

  countBetween(tenantId: string, start: Date, end: Date): Promise<MessageCounts> {
    return this.messages.countBetween(tenantId, start, end);
  }

  /** The platform's messages by UTC day, for the admin panel's overview. */
  countByDayAcrossTenants(start: Date, end: Date): Promise<DailyMessageCounts[]> {
    return this.messages.countByDayAcrossTenants(start, end);
  }

  /** What the `outboundMessagesPerMonth` limit counts: this calendar month's outbound messages (tenant time zone). */
  countOutboundThisMonth(tenantId: string): Promise<number> {
    return this.usage.outboundThisMonth(tenantId);
  }

  /** This calendar month's outbound messages and AI replies (tenant time zone), in one read of the rollups. */
  async countThisMonth(tenantId: string): Promise<{ outbound: number; aiReplies: number }> {
    return this.usage.outboundMonthToDate(tenantId);
  }

  /**
   * Stores inbound messages of any tenants, in order, with the effect on their conversations, idempotently: a wamid
   * already stored changes nothing, so Meta's redeliveries and a retried job end in the same rows. Reactions are
   * worked out from the stored ones afterwards (see `settleReactions`).
   */
  async storeInbound(inputs: readonly InboundMessageInput[]): Promise<StoredInbound> {
    const result: StoredInbound = { messages: inputs.map(() => null), conversations: new Map() };
    if (inputs.length === 0) return result;
    // Announced before the write, so that a writer of a target that commits meanwhile looks again (settleReactions).
    await this.reactionTargets.announce(inputs.flatMap((input) => (input.reactsTo ? [input.reactsTo] : [])));

    // A wamid repeated in the batch is written once, by its first input.
    const first = new Map<string, number>();
    inputs.forEach((input, i) => first.has(input.wamid) || first.set(input.wamid, i));
    const { stored, conversations } = await this.transactions.run(async () => {
      const stored = await this.messages.insertInboundAcrossTenants([...first.values()].map((i) => inputs[i]!));
      const moved = await this.conversations.recordInboundAcrossTenants(activityOf(stored, inputs, first));
      return { stored, conversations: moved };
    });
    for (const message of stored) result.messages[first.get(message.wamid!)!] = message;
    for (const conversation of conversations) result.conversations.set(conversation.id, conversation);
    await this.settleReactions(inputs);
    return result;
  }

  /**
   * Works out again the reactions a batch may have changed: the targets of its reactions (stored now or by an earlier
   * try), and its other messages when a reaction to one of them was announced, since a reaction stored by another
   * batch while this one's write ran was not seen by that write, nor this write's messages by the other batch.
   */
  private async settleReactions(inputs: readonly InboundMessageInput[]): Promise<void> {
    const targets = inputs.flatMap((input) => (input.reactsTo ? [input.reactsTo] : []));
    // Reactions themselves cannot be reacted to.
    const others = inputs.flatMap((input) => (input.type === 'reaction' ? [] : [input.wamid]));
    const again = (await this.reactionTargets.anyAnnounced(others)) ? [...targets, ...others] : targets;
    await this.reapplyReactions([...new Set(again)]);
  }

  private async reapplyReactions(wamids: readonly string[]): Promise<void> {
    for (const message of await this.messages.reapplyReactionsAcrossTenants(wamids)) this.announceUpdated(message);
  }

  /** A merge of contacts: every message of one conversation moves to the one it merges into. */
  moveToConversation(tenantId: string, fromId: string, intoId: string): Promise<void> {
    return this.messages.moveToConversation(tenantId, fromId, intoId);
  }

  /** Of these stored inbound media messages, the ids of those whose download has no outcome yet, by wamid. */
  awaitingMedia(tenantId: string, wamids: readonly string[]): Promise<Map<string, string>> {
    return this.messages.awaitingMedia(tenantId, wamids);
  }

  /** The ids of these stored inbound messages, by wamid (a redelivery names them by wamid only). */
  idsByWamid(tenantId: string, wamids: readonly string[]): Promise<Map<string, string>> {
    return this.messages.idsByWamid(tenantId, wamids);
  }

  /** A delivery status from Meta: recorded once, applied when it moves the message forward; answers the message changed. */
  async recordStatus(status: StatusRecord): Promise<Message | null> {
    const message = await this.messages.recordStatus(status);
    if (message) {
      this.announceUpdated(message);
      this.emitWebhook('message.status', message);
    }
    return message;
  }

  /** The message-worker's outcome of one send (see recordSendResults). */
  recordSendResult(result: SendResultJob): Promise<void> {
    return this.recordSendResults([result]);
  }

  /**
   * The message-worker's outcomes of sends, a batch in a fixed number of statements: links the wamids Meta gave them
   * (and applies any status webhook or reaction that arrived before), or stores Meta's reasons for failures. Every
   * step is idempotent.
   */
  async recordSendResults(results: readonly SendResultJob[]): Promise<void> {
    const accepted = results.flatMap((r) => (r.outcome === 'accepted' ? [r] : []));
    const failed = results.flatMap((r) => (r.outcome === 'accepted' ? [] : [r]));
    const latest = new Map<string, Message>();
    const keep = (message: Message | null) => {
      const known = message && latest.get(message.id);
      if (message && (!known || message.version >= known.version)) latest.set(message.id, message);
    };

    const linked = await this.messages.linkSentWamids(
      accepted.map((r) => ({ tenantId: r.tenantId, id: r.messageId, wamid: r.wamid })),
    );
    linked.forEach(keep);
    // Statuses are read after the links committed: one recorded later finds its message linked (recordStatus).
    const wamids = accepted.map((r) => r.wamid);
    const tenantOf = new Map(accepted.map((r) => [r.wamid, r.tenantId]));
    for (const wamid of await this.messages.withRecordedStatuses(wamids))
      keep(await this.messages.applyRecordedStatuses(tenantOf.get(wamid)!, wamid));
    // A reaction stored while the links were written was not seen by them (see settleReactions).
    if (await this.reactionTargets.anyAnnounced(wamids))
      (await this.messages.reapplyReactionsAcrossTenants(wamids)).forEach(keep);

    const failures = await this.messages.markFailedMany(
      failed.map((r) => ({ tenantId: r.tenantId, id: r.messageId, error: r.error })),
    );
    failures.forEach(keep);
    const tokenInvalid = new Set(failed.flatMap((r) => (r.outcome === 'token-invalid' ? [r.messageId] : [])));
    for (const message of failures) if (tokenInvalid.has(message.id)) await this.markNumberTokenInvalid(message);

    for (const message of latest.values()) {
      this.announceUpdated(message);
      this.emitWebhook('message.status', message);
    }
  }

  /**
   * Marks inbound messages as answers to the campaigns they reply to (the campaigns module decides which); answers
   * the messages changed, to announce once the caller's transaction committed.
   */
  markCampaignRepliesAcrossTenants(
    replies: readonly { tenantId: string; messageId: string; campaignId: string }[],
  ): Promise<Message[]> {
    return this.messages.setReplyCampaignsAcrossTenants(replies);
  }

  /** The outcome of an inbound media download, kept in the message's content. */
  async recordStoredMedia(tenantId: string, id: string, storedMedia: object): Promise<Message | null> {
    const message = await this.messages.setStoredMedia(tenantId, id, storedMedia);
    if (message) this.announceUpdated(message);
    return message;
  }

  /** `message.created` to the workspace's agents, and `message.received` or `message.sent` to its event webhooks. */
  announceCreated(message: Message): void {
    this.realtime.emit(message.tenantId, 'message.created', {
      conversationId: message.conversationId,
      message: toMessageDto(message),
    });
    this.emitWebhook(message.direction === 'inbound' ? 'message.received' : 'message.sent', message);
  }

  /** Queued, never awaited: the webhooks module answers at once for workspaces without endpoints. */
  private emitWebhook(type: WebhookEventType, message: Message): void {
    void this.webhooks.emit(message.tenantId, type, {
      conversationId: message.conversationId,
      message: toMessageDto(message),
    });
  }

  /** `message.updated` with the message as it is now, to its workspace. */
  announceUpdated(message: Message): void {
    this.realtime.emit(message.tenantId, 'message.updated', {
      conversationId: message.conversationId,
      message: toMessageDto(message),
    });
  }

  /** Meta refused the token a message was sent with: its conversation's number needs reconnecting. */
  private async markNumberTokenInvalid(message: Message): Promise<void> {
    const { tenantId, conversationId } = message;
    const conversation = await this.conversations.get(tenantId, conversationId).catch(() => null);
    if (conversation) await this.accounts.markTokenInvalid(tenantId, conversation.whatsappAccountId);
  }
}

/**
 * What the stored messages do to each conversation: how many are new, and the newest one's time and preview (the
 * later one in the batch on a tie).
 */
function activityOf(
  stored: readonly Message[],
  inputs: readonly InboundMessageInput[],
  first: ReadonlyMap<string, number>,
): InboundActivity[] {
  const activity = new Map<string, InboundActivity & { ord: number }>();
  for (const message of stored) {
    const ord = first.get(message.wamid!)!;
    const input = inputs[ord]!;
    const current = activity.get(message.conversationId);
    const newer = !current || input.sentAt > current.lastAt || (+input.sentAt === +current.lastAt && ord > current.ord);
    activity.set(message.conversationId, {
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      count: (current?.count ?? 0) + 1,
      lastAt: newer ? input.sentAt : current.lastAt,
      preview: newer ? input.preview : current.preview,
      ord: newer ? ord : current.ord,
    });
  }
  return [...activity.values()].map(({ ord: _ord, ...rest }) => rest);
}
