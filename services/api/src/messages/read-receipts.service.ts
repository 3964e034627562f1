import { Injectable, Logger } from '@nestjs/common';
import { type ConversationDto, messagesPerSecond } from '@aerostic/shared';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { MessageRepository } from './message.repository';
import { OutboundQueue } from './outbound-queue';

/** An agent read a conversation: its unread count is cleared, and WhatsApp shows the customer blue ticks. */
@Injectable()
export class ReadReceiptsService {
  private readonly logger = new Logger(ReadReceiptsService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessageRepository,
    private readonly accounts: WhatsAppAccountsService,
    private readonly queue: OutboundQueue,
  ) {}

  /** Clears the unread count and, when there was something unread, tells WhatsApp the customer's messages were read. */
  async markRead(principal: Principal, id: string): Promise<ConversationDto> {
    const conversation = await this.conversations.get(principal.tenantId, id);
    if (await this.conversations.clearUnread(principal.tenantId, id)) {
      await this.sendReadReceipt(principal.tenantId, conversation.id, conversation.whatsappAccountId);
    }
    return this.conversations.publish(principal.tenantId, id);
  }

  /**
   * Queues one mark-read of the customer's latest message (WhatsApp marks the earlier ones with it). Best effort: the
   * inbox is already read, so a disconnected number or an unreachable queue only skips the blue ticks.
   */
  private async sendReadReceipt(tenantId: string, conversationId: string, whatsappAccountId: string): Promise<void> {
    const message = await this.messages.lastInbound(tenantId, conversationId);
    if (!message?.wamid) return;
    const account = await this.accounts.findWithToken(tenantId, whatsappAccountId);
    if (account?.status !== 'connected' || account.tokenStatus === 'invalid') return;
    try {
      await this.queue.markRead({
        tenantId,
        conversationId,
        messageId: message.id,
        wamid: message.wamid,
        whatsappAccountId: account.id,
        phoneNumberId: account.phoneNumberId,
        messagesPerSecond: messagesPerSecond(account.throughputLevel),
        accessTokenSealed: account.accessTokenEncrypted,
      });
    } catch (error) {
      this.logger.warn({ err: error, conversationId }, 'Read receipt not queued');
    }
  }
}
