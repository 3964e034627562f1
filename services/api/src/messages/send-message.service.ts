import { Injectable, Logger } from '@nestjs/common';
import {
  type AutomatedBy,
  MEDIA_TYPES,
  messagePreview,
  type MessageDto,
  type OutboundMessageJob,
  type SendMessageInput,
  sendAddressOf,
  serviceWindow,
} from '@aerostic/shared';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { type Message } from '../database/entities';
import { Transactions } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { LimitReachedError } from '../limits/limits.errors';
import { LimitsService } from '../limits/limits.service';
import { MediaStorage } from '../media/media-storage';
import { TemplatesService } from '../templates/templates.service';
import { MetaBudgetService } from '../usage/meta-budget.service';
import { UsageService } from '../usage/usage.service';
import { MessagingLimitService } from '../whatsapp/messaging-limit.service';
import { type WhatsAppAccountWithSecrets } from '../whatsapp/whatsapp-account.repository';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { toMessageDto } from './message.mapper';
import { MessageRepository } from './message.repository';
import { MessagesService } from './messages.service';
import {
  AutomatedCapReachedError,
  IdempotencyKeyError,
  NotQueuedError,
  NumberNotConnectedError,
  OptedOutError,
  ReferencedMessageError,
  TemplateNotApprovedError,
  TokenInvalidError,
  WindowClosedError,
} from './messages.errors';
import { metaBody, OutboundQueue, outboundJob, sendOnItsWay } from './outbound-queue';
import { SendResultsQueue } from './send-results-queue';

/** Who wrote a message the team did not type, and the cap it must stay within. */
export interface AutomatedSender {
  automatedBy: AutomatedBy;
  ruleId: string | null;
  aiPromptTokens?: number;
  aiCompletionTokens?: number;
  /** Automated messages the conversation may receive in any hour (docs/adr/0119). */
  maxPerHour: number;
}

/**
 * Decides whether a message may be sent (window, template approval, opt-out, a healthy number), stores it as
 * `queued` and hands it to the message-worker. Every rule answers a 4xx a person understands before anything
 * is queued.
 */
@Injectable()
export class SendMessageService {
  private readonly logger = new Logger(SendMessageService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly accounts: WhatsAppAccountsService,
    private readonly messages: MessageRepository,
    private readonly messageEvents: MessagesService,
    private readonly templates: TemplatesService,
    private readonly transactions: Transactions,
    private readonly queue: OutboundQueue,
    private readonly storage: MediaStorage,
    private readonly limits: LimitsService,
    private readonly messagingLimit: MessagingLimitService,
    private readonly usage: UsageService,
    private readonly budget: MetaBudgetService,
    private readonly results: SendResultsQueue,
  ) {}

  async send(
    principal: Principal,
    conversationId: string,
    input: SendMessageInput,
    idempotencyKey?: string,
  ): Promise<MessageDto> {
    if (idempotencyKey !== undefined && !/^[\w.:-]{1,200}$/.test(idempotencyKey)) throw new IdempotencyKeyError();
    return this.dispatch(principal.tenantId, conversationId, input, idempotencyKey, { userId: principal.userId });
  }

  /**
   * A message the team did not type, from a rule or the AI: the same checks as an agent's send, no sender, and within
   * the workspace's cap of automated messages per conversation and hour (AutomatedCapReachedError). The key makes a
   * retry answer the message sent before instead of sending again.
   */
  sendAutomated(
    tenantId: string,
    conversationId: string,
    input: SendMessageInput,
    idempotencyKey: string,
    automated: AutomatedSender,
  ): Promise<MessageDto> {
    return this.dispatch(tenantId, conversationId, input, idempotencyKey, { userId: null, automated });
  }

  private async dispatch(
    tenantId: string,
    conversationId: string,
    input: SendMessageInput,
    idempotencyKey: string | undefined,
    sender: { userId: string | null; automated?: AutomatedSender },
  ): Promise<MessageDto> {
    if (idempotencyKey) {
      const earlier = await this.messages.findByIdempotencyKey(tenantId, idempotencyKey);
      if (earlier) {
        await this.queueIfStranded(tenantId, earlier);
        return toMessageDto(earlier);
      }
    }
    const conversation = await this.conversations.get(tenantId, conversationId);
    const account = await this.accounts.findWithToken(tenantId, conversation.whatsappAccountId);
    if (!account || account.status !== 'connected') throw new NumberNotConnectedError();
    // An expiring token still works until it expires (docs/adr/0111-number-health-checks.md).
    if (account.tokenStatus === 'invalid') throw new TokenInvalidError();

    if (input.type !== 'template' && !serviceWindow(conversation.lastInboundAt).open) throw new WindowClosedError();
    let templateCategory: string | null = null;
    if (input.type === 'template') {
      const { name, language } = input.template;
      const template = await this.templates.findForSend(tenantId, account.wabaId, name, language.code);
      if (template?.status !== 'APPROVED') throw new TemplateNotApprovedError(name, language.code);
      const { contact } = conversation;
      if (template.category === 'MARKETING' && contact.marketingConsent === 'opted_out')
        throw new OptedOutError(contact.marketingConsentSource);
      // Service replies, utility and authentication templates go out whatever the budget (docs/adr/0129).
      if (template.category === 'MARKETING') await this.budget.assertMarketingAllowed(tenantId);
      templateCategory = template.category;
    }

    const { replyToMessageId, ...message } = input;
    const context = replyToMessageId
      ? { message_id: await this.wamidOf(tenantId, conversationId, replyToMessageId, 'replyToMessageId') }
      : null;
    const payload =
      message.type === 'reaction'
        ? {
            message_id: await this.wamidOf(tenantId, conversationId, message.reaction.messageId, 'reaction.messageId'),
            emoji: message.reaction.emoji,
          }
        : (message as Record<string, unknown>)[message.type];
    const content = { [message.type]: payload, ...(context && { context }) };

    let stored: Message;
    try {
      // The message and the conversation's move up the inbox commit together.
      stored = await this.transactions.run(async () => {
        const { automated } = sender;
        if (automated) {
          await this.messages.lockForAutomation(conversationId);
          const sent = await this.messages.countAutomatedLastHour(tenantId, conversationId);
          if (sent >= automated.maxPerHour) throw new AutomatedCapReachedError(automated.maxPerHour);
        }
        await this.limits.assertWithin(tenantId, 'outboundMessagesPerMonth', () =>
          this.usage.outboundThisMonth(tenantId),
        );
        // Refused, the AI's reply is handed to a person like any AI reply that cannot be sent (docs/adr/0121).
        if (automated?.automatedBy === 'ai') {
          await this.limits.assertWithin(tenantId, 'aiRepliesPerMonth', () => this.usage.aiRepliesThisMonth(tenantId));
        }
        const created = await this.messages.insertOutbound(tenantId, {
          conversationId,
          type: message.type,
          content,
          senderUserId: sender.userId,
          idempotencyKey: idempotencyKey ?? null,
          replyToWamid: context?.message_id ?? null,
          templateCategory,
          ...(automated && {
            automatedBy: automated.automatedBy,
            automationRuleId: automated.ruleId,
            aiPromptTokens: automated.aiPromptTokens ?? null,
            aiCompletionTokens: automated.aiCompletionTokens ?? null,
          }),
        });
        await this.conversations.recordOutbound(
          tenantId,
          conversationId,
          messagePreview(message.type, content),
          automated ? null : sender.userId,
        );
        return created;
      });
    } catch (error) {
      // The same Idempotency-Key twice at once: the unique index lets one through; the other answers its message,
      // also when that message was the last the month's limit allowed (a retry counts once).
      if (idempotencyKey && (isUniqueViolation(error) || error instanceof LimitReachedError)) {
        const earlier = await this.messages.findByIdempotencyKey(tenantId, idempotencyKey);
        if (earlier) return toMessageDto(earlier);
      }
      throw error;
    }

    try {
      await this.queue.send(sendJob(account, conversation.contact, stored.id, message.type, content));
    } catch {
      await this.messages.markFailed(tenantId, stored.id, {
        code: 0,
        title: 'Not queued',
        details: 'The send queue was unavailable',
      });
      throw new NotQueuedError();
    }

    if (message.type === 'template' && !serviceWindow(conversation.lastInboundAt).open) {
      await this.countBusinessInitiated(account.phoneNumberId, account.messagingLimitTier, conversation.contact);
    }
    if ((MEDIA_TYPES as readonly string[]).includes(message.type)) {
      // Its payload may carry the id of a file uploaded from the inbox.
      stored = await this.keepUploadedFile(tenantId, stored, payload);
    }
    this.messageEvents.announceCreated(stored);
    await this.conversations.publish(tenantId, conversationId);
    return toMessageDto(stored);
  }

  /**
   * A retried request whose first attempt stored its message but died before queuing it (the API killed between the
   * commit and the queue): queued now, so the retry the client was promised is not a message lost for good, as for
   * campaigns (docs/adr/0210). The job id is the message id, so a first attempt still on its way queues nothing twice.
   */
  private async queueIfStranded(tenantId: string, earlier: Message): Promise<void> {
    // A wamid means Meta accepted it (its `sent` status may still be on its way): nothing to queue.
    if (earlier.direction !== 'outbound' || earlier.status !== 'queued' || earlier.wamid !== null) return;
    if (await sendOnItsWay(this.queue, this.results, earlier.id)) return;
    const conversation = await this.conversations.get(tenantId, earlier.conversationId);
    const account = await this.accounts.findWithToken(tenantId, conversation.whatsappAccountId);
    if (!account || account.status !== 'connected') return;
    // Meta's fields only: the stored content may also carry what Aerostic added (stored media).
    const { context } = earlier.content;
    const content = { [earlier.type]: earlier.content[earlier.type], ...(context !== undefined && { context }) };
    await this.queue.send(sendJob(account, conversation.contact, earlier.id, earlier.type, content));
    this.logger.warn({ messageId: earlier.id }, 'Message stored but never queued: queued on its retry');
  }

  /**
   * A media message whose id is a file uploaded from the inbox shows that file, like the customer's media. Only the
   * stored message gets `stored_media`: the job for Meta was built before and carries Meta's fields alone.
   */
  private async keepUploadedFile(tenantId: string, stored: Message, payload: unknown): Promise<Message> {
    const mediaId = (payload as { id?: unknown } | undefined)?.id;
    if (typeof mediaId !== 'string') return stored;
    try {
      const file = await this.storage.attachUpload(tenantId, mediaId, stored.id);
      if (!file) return stored;
      const storedMedia = { status: 'stored', mimeType: file.mimeType, size: file.size };
      return (await this.messages.setStoredMedia(tenantId, stored.id, storedMedia)) ?? stored;
    } catch (err) {
      this.logger.warn({ err, messageId: stored.id }, 'uploaded file not attached to its message');
      return stored;
    }
  }

  /** A template outside the window counts toward the number's tier, which campaigns wait for (docs/adr/0117). */
  private async countBusinessInitiated(
    phoneNumberId: string,
    tier: string | null,
    contact: { waId: string | null; userId: string | null },
  ): Promise<void> {
    const customer = contact.waId ?? contact.userId;
    if (!customer) return;
    try {
      await this.messagingLimit.record(phoneNumberId, tier, customer);
    } catch (err) {
      // The message is queued already: a campaign of the number may only start a little early.
      this.logger.warn({ err, phoneNumberId }, 'template send not counted toward the messaging limit');
    }
  }

  private async wamidOf(tenantId: string, conversationId: string, messageId: string, field: string): Promise<string> {
    const target = await this.messages.findById(tenantId, messageId);
    if (!target || target.conversationId !== conversationId || !target.wamid) throw new ReferencedMessageError(field);
    return target.wamid;
  }
}

/** The message-worker's job for one message to a conversation's contact. */
function sendJob(
  account: WhatsAppAccountWithSecrets,
  contact: { waId: string | null; userId: string | null },
  messageId: string,
  type: string,
  content: Record<string, unknown>,
): OutboundMessageJob {
  // The phone number when known, else the user id (docs/adr/0113).
  return outboundJob(account, messageId, metaBody(sendAddressOf(contact), type, content));
}
