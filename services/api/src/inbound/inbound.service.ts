import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BSUID_PATTERN,
  MEDIA_TYPES,
  messagePreview,
  messagesValueSchema,
  SPAM_COOL_OFF,
  statusPricingSchema,
  SPAM_RATE_LIMIT,
  templateStatusValueSchema,
  type MetaError,
  type WebhookContact,
  type WebhookEnvelope,
  type WebhookMessage,
  type WebhookStatus,
} from '@aerostic/shared';
import { pacerKeysOf, slowDownNumber } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { AutomationTriggers } from '../automation/automation-triggers';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ClickToChatService } from '../click-to-chat/click-to-chat.service';
import { REDIS } from '../common/redis/redis.module';
import { ContactsService, type IdentityChange } from '../contacts/contacts.service';
import { type InboundSender } from '../contacts/sender-identity';
import { threadKey } from '../conversations/conversation.repository';
import { ConversationsService } from '../conversations/conversations.service';
import { type Message, type MessageError } from '../database/entities';
import { MediaService } from '../media/media.service';
import { DELIVERY_STATUSES, type DeliveryStatus, type MessagePricing } from '../messages/message.repository';
import { type InboundMessageInput, MessagesService } from '../messages/messages.service';
import { TemplatesService } from '../templates/templates.service';
import { MetaBudgetService } from '../usage/meta-budget.service';
import { MetaRatesService } from '../usage/meta-rates.service';
import { type WhatsAppAccountWithSecrets } from '../whatsapp/whatsapp-account.repository';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { AccountWebhooksService } from './account-webhooks.service';

const ACCOUNT_CACHE_MS = 10_000;

/** An inbound message of a webhook, with what it needs to be stored. */
interface InboundMessage {
  account: WhatsAppAccountWithSecrets;
  message: WebhookMessage;
  sender: InboundSender;
}

function toMessageError(error: MetaError | undefined): MessageError | null {
  return error
    ? { code: error.code, title: error.title ?? error.message ?? null, details: error.error_data?.details ?? null }
    : null;
}

/** The media kind of an image, audio, video, document or sticker message; undefined for the other types. */
function mediaTypeOf(message: WebhookMessage): (typeof MEDIA_TYPES)[number] | undefined {
  return MEDIA_TYPES.find((t) => t === message.type);
}

/** Meta's message without the envelope fields: everything else is kept, known or not. */
function contentOf(message: WebhookMessage): Record<string, unknown> {
  const { from: _from, from_user_id: _fromUserId, id: _id, timestamp: _timestamp, type: _type, ...content } = message;
  return content;
}

/** Meta's `pricing` of a status, for billing, without its cost yet; null when the status carries none we can read. */
function pricingOf(status: WebhookStatus): MessagePricing | null {
  const parsed = statusPricingSchema.safeParse(status.pricing);
  if (!status.pricing || !parsed.success) return null;
  const { billable, pricing_model: model, category, type } = parsed.data;
  return {
    billable: billable ?? null,
    model: model ?? null,
    category: category ?? null,
    type: type ?? null,
    costMicros: null,
  };
}

const PHONE_PATTERN = /^[0-9]{6,20}$/;
/** A phone number or user id as the contacts table keeps them; anything else is not one. */
const phoneOrNull = (value: unknown): string | null =>
  typeof value === 'string' && PHONE_PATTERN.test(value) ? value : null;
const userIdOrNull = (value: unknown): string | null =>
  typeof value === 'string' && BSUID_PATTERN.test(value) ? value : null;
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A change's `contacts[]`, by phone number and by user id. */
interface ContactsOfChange {
  byWaId: Map<string, WebhookContact>;
  byUserId: Map<string, WebhookContact>;
}

function contactsOfChange(contacts: readonly WebhookContact[]): ContactsOfChange {
  const byWaId = new Map<string, WebhookContact>();
  const byUserId = new Map<string, WebhookContact>();
  for (const contact of contacts) {
    if (contact.wa_id !== undefined) byWaId.set(contact.wa_id, contact);
    if (contact.user_id !== undefined) byUserId.set(contact.user_id, contact);
  }
  return { byWaId, byUserId };
}

/**
 * Who sent a message: its phone number and user id, with what `contacts[]` says of them (docs/adr/0113). Meta names the
 * sender in `contacts[]` by the same phone number or user id.
 */
function senderOf(tenantId: string, message: WebhookMessage, contacts: ContactsOfChange): InboundSender {
  const entry =
    (message.from_user_id !== undefined ? contacts.byUserId.get(message.from_user_id) : undefined) ??
    (message.from !== undefined ? contacts.byWaId.get(message.from) : undefined);
  const waId = phoneOrNull(message.from ?? entry?.wa_id);
  const userId = userIdOrNull(message.from_user_id ?? entry?.user_id);
  if (!waId && !userId) {
    throw new Error(
      `Message ${message.id} names its sender by neither a phone number (from: ${String(message.from)}) nor a user id ` +
        `(from_user_id: ${String(message.from_user_id)}) Aerostic can store`,
    );
  }
  return {
    tenantId,
    waId,
    userId,
    parentUserId: textOrNull(entry?.parent_user_id),
    username: textOrNull(entry?.profile?.username),
    profileName: entry?.profile?.name ?? null,
  };
}

/**
 * What a stored message says of its sender's identity (docs/adr/0113): a changed number (a new user id comes with
 * it), a changed user id, or a phone number shared on request. Unknown system types change nothing.
 */
function identityChangeOf(item: InboundMessage, contactId: string): IdentityChange | null {
  const { message, sender } = item;
  const base = { tenantId: sender.tenantId, contactId, waIds: [], userIds: [] };
  if (message.type === 'system' && message.system) {
    const system = message.system as Record<string, unknown>;
    const userId = userIdOrNull(system['user_id']);
    const parentUserId = textOrNull(system['parent_user_id']);
    const previous = [userIdOrNull(system['previous_user_id'])].filter((id): id is string => id !== null);
    if (system['type'] === 'user_changed_number') {
      const waId = phoneOrNull(system['wa_id']);
      if (!waId) return null;
      return {
        ...base,
        userIds: previous,
        values: { waId, ...(userId && { userId }), ...(parentUserId && { parentUserId }) },
        numberChanged: true,
      };
    }
    if (system['type'] === 'user_changed_user_id' && userId) {
      return {
        ...base,
        userIds: previous,
        values: { userId, ...(parentUserId && { parentUserId }) },
        numberChanged: false,
      };
    }
    return null;
  }
  const [shared] = (message.contacts ?? []) as { origin?: unknown; phones?: { wa_id?: unknown }[] }[];
  if (message.type === 'contacts' && shared?.origin === 'contact_request') {
    const waId = phoneOrNull(shared.phones?.find((p) => phoneOrNull(p.wa_id))?.wa_id);
    if (!waId) return null;
    return {
      ...base,
      waIds: [waId],
      values: { waId, ...(sender.userId && { userId: sender.userId }) },
      numberChanged: false,
    };
  }
  return null;
}

const isDeliveryStatus = (status: string): status is DeliveryStatus =>
  (DELIVERY_STATUSES as readonly string[]).includes(status);

/**
 * Decides what webhook POSTs mean: walks every entry, change, message and status and hands each to the module
 * that owns what it changes (contacts, conversations, messages, templates, numbers). Each step is idempotent, so a
 * job can be retried whole after any failure.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);
  private readonly accountCache = new Map<string, { account: WhatsAppAccountWithSecrets | null; until: number }>();

  constructor(
    private readonly accounts: WhatsAppAccountsService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly templates: TemplatesService,
    private readonly media: MediaService,
    private readonly accountEvents: AccountWebhooksService,
    private readonly campaigns: CampaignsService,
    private readonly automation: AutomationTriggers,
    private readonly rates: MetaRatesService,
    private readonly budget: MetaBudgetService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clickToChat: ClickToChatService,
  ) {}

  /** One webhook POST. */
  handle(envelope: WebhookEnvelope): Promise<void> {
    return this.handleMany([envelope]);
  }

  /**
   * Several webhook POSTs, in order, with their messages stored in one batch (a fixed number of statements
   * whatever their count); statuses and account events follow one by one. The result is the one of handling the
   * webhooks one by one, and as idempotent: the whole call can be retried after any failure.
   */
  async handleMany(envelopes: readonly WebhookEnvelope[]): Promise<void> {
    const inbound: InboundMessage[] = [];
    const afterwards: (() => Promise<void>)[] = [];
    for (const envelope of envelopes) {
      for (const entry of envelope.entry) {
        for (const change of entry.changes) {
          switch (change.field) {
            case 'messages':
              await this.collectMessages(change.value, inbound, afterwards);
              break;
            case 'message_template_status_update':
              afterwards.push(() => this.handleTemplateStatus(entry.id, change.value));
              break;
            case 'phone_number_quality_update':
              afterwards.push(() =>
                this.numbersChanged(this.accountEvents.handlePhoneQuality(change.value, entry.time)),
              );
              break;
            case 'account_update':
              afterwards.push(() =>
                this.numbersChanged(this.accountEvents.handleAccountUpdate(entry.id, change.value, entry.time)),
              );
              break;
            case 'business_capability_update':
              afterwards.push(() => this.numbersChanged(this.accountEvents.handleCapability(entry.id, change.value)));
              break;
            case 'message_template_quality_update':
              afterwards.push(() => this.accountEvents.handleTemplateQuality(entry.id, change.value));
              break;
            case 'user_preferences':
              afterwards.push(() => this.accountEvents.handleUserPreferences(change.value));
              break;
            default:
              this.logger.debug({ field: change.field, wabaId: entry.id }, 'Webhook field not handled');
          }
        }
      }
    }
    await this.storeMessages(inbound);
    for (const step of afterwards) await step();
  }

  private async account(phoneNumberId: string): Promise<WhatsAppAccountWithSecrets | null> {
    const cached = this.accountCache.get(phoneNumberId);
    if (cached && cached.until > Date.now()) return cached.account;
    const account = await this.accounts.findConnectedByPhoneNumberIdAcrossTenants(phoneNumberId);
    this.accountCache.set(phoneNumberId, { account, until: Date.now() + ACCOUNT_CACHE_MS });
    return account;
  }

  /** Adds the change's messages to `inbound` and its statuses to `afterwards`. */
  private async collectMessages(
    raw: unknown,
    inbound: InboundMessage[],
    afterwards: (() => Promise<void>)[],
  ): Promise<void> {
    const value = messagesValueSchema.parse(raw);
    const account = await this.account(value.metadata.phone_number_id);
    if (!account) {
      // Not an error: a number disconnected or never connected here. Counted so operators can see it.
      await this.redis.incr('metrics:webhooks:unknown-phone-number');
      this.logger.warn(
        { phoneNumberId: value.metadata.phone_number_id },
        'Webhook for an unknown phone number ignored',
      );
      return;
    }
    const contacts = contactsOfChange(value.contacts ?? []);
    for (const message of value.messages ?? [])
      inbound.push({ account, message, sender: senderOf(account.tenantId, message, contacts) });
    for (const status of value.statuses ?? []) afterwards.push(() => this.handleStatus(account, status));
    for (const error of value.errors ?? []) {
      this.logger.warn({ phoneNumberId: account.phoneNumberId, error }, 'Meta reported an error for the number');
    }
  }

  /**
   * Stores the messages in one batch: their senders' contacts, their threads' conversations, then the messages with
   * their conversations' moves (one transaction). Then tells the agents and queues media downloads.
   */
  private async storeMessages(inbound: readonly InboundMessage[]): Promise<void> {
    if (inbound.length === 0) return;
    const contacts = await this.contacts.recordSendersAcrossTenants(inbound.map((item) => item.sender));
    const contactOf = (i: number) => contacts[i]!;
    const threads = await this.conversations.openThreadsAcrossTenants(
      inbound.map((item, i) => ({
        tenantId: item.account.tenantId,
        contactId: contactOf(i).id,
        whatsappAccountId: item.account.id,
        firstMessageAt: new Date(item.message.timestamp * 1000),
      })),
    );
    // Before the messages, so the conversations announced below carry their source (docs/adr/0153).
    await this.clickToChat.attributeAcrossTenants(
      inbound.map((item, i) => ({
        tenantId: item.account.tenantId,
        conversationId: threads.get(threadKey(contactOf(i).id, item.account.id)),
        message: item.message,
      })),
    );
    const stored = await this.messages.storeInbound(
      inbound.map((item, i): InboundMessageInput => {
        const { account, message } = item;
        const content = contentOf(message);
        const conversationId = threads.get(threadKey(contactOf(i).id, account.id));
        // Only a concurrent delete of the contact or conversation gets here; the retry starts over.
        if (!conversationId) throw new Error(`No conversation found for inbound message ${message.id}`);
        return {
          tenantId: account.tenantId,
          conversationId,
          wamid: message.id,
          type: message.type,
          content,
          error: toMessageError(message.errors?.[0]),
          replyToWamid: message.context?.id ?? null,
          sentAt: new Date(message.timestamp * 1000),
          preview: messagePreview(message.type, content),
          reactsTo: message.type === 'reaction' && message.reaction ? message.reaction.message_id : null,
        };
      }),
    );

    // A conversation's update follows its last new message of the batch and carries the state the batch left it in.
    const lastOfConversation = new Map<string, number>();
    stored.messages.forEach((row, i) => row && lastOfConversation.set(row.conversationId, i));
    for (const [i, row] of stored.messages.entries()) {
      if (!row) continue;
      this.messages.announceCreated(row);
      const conversation = stored.conversations.get(row.conversationId);
      if (lastOfConversation.get(row.conversationId) === i && conversation)
        this.conversations.announce(conversation, contactOf(i));
    }

    const storedNow = new Set(stored.messages.flatMap((row) => (row?.wamid ? [row.wamid] : [])));
    const redelivered = inbound.filter((item, i) => !stored.messages[i] && !storedNow.has(item.message.id));
    // Independent of each other, so they wait together: the job (and the next batch) waits for the slowest alone.
    await Promise.all([
      // Stored and redelivered alike: the campaigns module passes over messages it already counted.
      this.campaigns.recordRepliesAcrossTenants(
        inbound.map((item, i) => ({
          tenantId: item.account.tenantId,
          contactId: contactOf(i).id,
          wamid: item.message.id,
        })),
      ),
      this.queueMediaDownloads(stored.messages, inbound, redelivered),
      // Redelivered ones too: a try that failed after storing them may not have queued them (docs/adr/0118).
      this.automation.inboundStored([
        ...stored.messages.flatMap((row) =>
          row ? [{ tenantId: row.tenantId, messageId: row.id, type: row.type, content: row.content }] : [],
        ),
        ...redelivered.map((item) => ({
          tenantId: item.account.tenantId,
          wamid: item.message.id,
          type: item.message.type,
          content: contentOf(item.message),
        })),
      ]),
    ]);
    // Redelivered ones too: a try that failed after storing them may not have applied them (it is idempotent).
    await this.contacts.applyIdentityChanges(
      inbound.flatMap((item, i) => identityChangeOf(item, contacts[i]!.id) ?? []),
    );
  }

  /** The media of the messages stored now, and of redelivered ones whose download has no outcome yet. */
  private async queueMediaDownloads(
    rows: readonly (Message | null)[],
    inbound: readonly InboundMessage[],
    redelivered: readonly InboundMessage[],
  ): Promise<void> {
    for (const [i, row] of rows.entries()) if (row) await this.queueMediaDownload(inbound[i]!, row.id);
    await this.afterRedelivered(redelivered);
  }

  private async queueMediaDownload({ account, message }: InboundMessage, messageId: string): Promise<void> {
    const mediaType = mediaTypeOf(message);
    const media = mediaType ? message[mediaType] : undefined;
    if (!mediaType || !media) return;
    await this.media.enqueueDownload({
      tenantId: account.tenantId,
      messageId,
      whatsappAccountId: account.id,
      mediaId: media.id,
      mediaType,
    });
  }

  /**
   * Messages already stored by an earlier delivery, or by an earlier try of this job that failed after storing them:
   * a media message without a download outcome is queued again, which adds nothing while its download job exists
   * (the job id is the message's). Their reactions were worked out again when the batch was stored.
   */
  private async afterRedelivered(messages: readonly InboundMessage[]): Promise<void> {
    const withMedia = new Map<string, InboundMessage[]>();
    for (const item of messages) {
      if (mediaTypeOf(item.message)) {
        const list = withMedia.get(item.account.tenantId);
        if (list) list.push(item);
        else withMedia.set(item.account.tenantId, [item]);
      }
    }
    for (const [tenantId, items] of withMedia) {
      const awaiting = await this.messages.awaitingMedia(
        tenantId,
        items.map((item) => item.message.id),
      );
      for (const item of items) {
        const messageId = awaiting.get(item.message.id);
        if (messageId) await this.queueMediaDownload(item, messageId);
      }
    }
  }

  private async handleStatus(account: WhatsAppAccountWithSecrets, status: WebhookStatus): Promise<void> {
    // A voice note's `played` counts as read for the ticks.
    const normalized = status.status === 'played' ? 'read' : status.status;
    if (!isDeliveryStatus(normalized)) {
      this.logger.warn({ status: status.status, wamid: status.id }, 'Unknown message status ignored');
      return;
    }
    const pricing = pricingOf(status);
    // Priced by the customer's market (the country of the number Meta names) and Meta's category (docs/adr/0128).
    if (pricing?.billable) pricing.costMicros = await this.rates.costOf(status.recipient_id, pricing.category);
    const changed = await this.messages.recordStatus({
      tenantId: account.tenantId,
      phoneNumberId: account.phoneNumberId,
      wamid: status.id,
      status: normalized,
      occurredAt: new Date(status.timestamp * 1000),
      error: toMessageError(status.errors?.[0]),
      pricing,
    });
    if (pricing?.billable && changed) await this.budget.afterCostCounted(account.tenantId);
    // A campaign's report counts delivered and read: it follows its messages' ticks, after it completed too.
    if (changed?.campaignId && changed.direction === 'outbound')
      this.campaigns.announce(account.tenantId, changed.campaignId);
    if (normalized === 'failed' && status.errors?.some((error) => error.code === SPAM_RATE_LIMIT))
      await this.slowDownAfterSpamLimit(account, status);
  }

  /**
   * Meta accepted a send and then refused it for the spam rate limit: the number must slow down as when a send is
   * refused outright (the message-worker does that itself), so its pacer's cool-off is set here. The cool-off runs
   * from Meta's timestamp, so a redelivered status does not extend it and one older than the cool-off does nothing.
   */
  private async slowDownAfterSpamLimit(account: WhatsAppAccountWithSecrets, status: WebhookStatus): Promise<void> {
    const { factor, durationMs } = SPAM_COOL_OFF;
    const untilMs = status.timestamp * 1000 + durationMs;
    const key = pacerKeysOf(account.phoneNumberId).slowdown;
    if (!(await slowDownNumber(this.redis, key, factor, untilMs))) return;
    this.logger.warn(
      { phoneNumberId: account.phoneNumberId, wamid: status.id, factor, until: new Date(untilMs).toISOString() },
      'spam rate limit reported in a failed status (131048): number slowed down',
    );
  }

  private async handleTemplateStatus(wabaId: string, raw: unknown): Promise<void> {
    const value = templateStatusValueSchema.parse(raw);
    // Every workspace with a number of the WABA keeps its own copy of the template.
    const tenants = new Set((await this.accounts.findConnectedAcrossTenants({ wabaId })).map((a) => a.tenantId));
    for (const tenantId of tenants) {
      await this.templates.recordStatusWebhook(tenantId, {
        wabaId,
        metaTemplateId: value.message_template_id,
        name: value.message_template_name ?? null,
        language: value.message_template_language ?? null,
        category: value.message_template_category ?? null,
        status: value.event,
        reason: value.reason ?? null,
      });
    }
  }

  /** A number's token status or health changed: sends and statuses read it again. */
  private async numbersChanged(change: Promise<void>): Promise<void> {
    await change;
    this.accountCache.clear();
  }
}
