import { Injectable, Logger } from '@nestjs/common';
import {
  type ConversationDto,
  type CreateNoteInput,
  type ListConversationsQuery,
  type NoteDto,
  type Page,
  type PageQuery,
  type UpdateConversationInput,
  messagesPerSecond,
} from '@aerostic/shared';
import { NotFoundError } from '../common/http/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { RealtimeService } from '../realtime/realtime.service';
import { UserRepository } from '../users/user.repository';
import { WhatsAppAccountRepository } from '../whatsapp/whatsapp-account.repository';
import { toConversationDto, toNoteDto } from './conversation.mapper';
import { type ConversationWithContact, ConversationRepository } from './conversation.repository';
import { AssigneeNotFoundError } from './conversations.errors';
import { ReadReceiptQueue } from './read-receipt-queue';

@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly users: UserRepository,
    private readonly realtime: RealtimeService,
    private readonly accounts: WhatsAppAccountRepository,
    private readonly readReceipts: ReadReceiptQueue,
  ) {}

  async list(principal: Principal, query: ListConversationsQuery): Promise<Page<ConversationDto>> {
    const { limit, cursor, assigneeId, ...filters } = query;
    const rows = await this.conversations.listPage(
      principal.tenantId,
      { ...filters, assigneeId: assigneeId === 'me' ? principal.userId : assigneeId },
      decodeCursor(cursor),
      limit + 1,
    );
    // The cursor follows the inbox order: last activity, then id.
    return toPage(
      rows,
      limit,
      (r) => toConversationDto(r),
      (r) => ({ createdAt: r.lastMessageAt, id: r.id }),
    );
  }

  async findOne(principal: Principal, id: string): Promise<ConversationDto> {
    return toConversationDto(await this.get(principal, id));
  }

  /** Throws NotFoundError for an unknown id and for another tenant's conversation alike. */
  async get(principal: Principal, id: string): Promise<ConversationWithContact> {
    const conversation = await this.conversations.findById(principal.tenantId, id);
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }

  async update(principal: Principal, id: string, input: UpdateConversationInput): Promise<ConversationDto> {
    await this.get(principal, id);
    if (input.assigneeId) {
      const assignee = await this.users.findById(principal.tenantId, input.assigneeId);
      if (assignee?.status !== 'active') throw new AssigneeNotFoundError();
    }
    await this.conversations.update(principal.tenantId, id, input);
    return this.publish(principal.tenantId, id);
  }

  /** Clears the unread count and, when there was something unread, tells WhatsApp the customer's messages were read. */
  async markRead(principal: Principal, id: string): Promise<ConversationDto> {
    const conversation = await this.get(principal, id);
    if (await this.conversations.clearUnread(principal.tenantId, id)) {
      await this.sendReadReceipt(principal.tenantId, conversation);
    }
    return this.publish(principal.tenantId, id);
  }

  /**
   * Queues one mark-read of the customer's latest message (WhatsApp marks the earlier ones with it). Best effort: the
   * inbox is already read, so a disconnected number or an unreachable queue only skips the blue ticks.
   */
  private async sendReadReceipt(tenantId: string, conversation: ConversationWithContact): Promise<void> {
    const message = await this.conversations.lastInboundMessage(tenantId, conversation.id);
    if (!message?.wamid) return;
    const account = await this.accounts.findByIdWithToken(tenantId, conversation.whatsappAccountId);
    if (account?.status !== 'connected' || account.tokenStatus !== 'valid') return;
    try {
      await this.readReceipts.add({
        tenantId,
        conversationId: conversation.id,
        messageId: message.id,
        wamid: message.wamid,
        whatsappAccountId: account.id,
        phoneNumberId: account.phoneNumberId,
        messagesPerSecond: messagesPerSecond(account.throughputLevel),
        accessTokenSealed: account.accessTokenEncrypted,
      });
    } catch (error) {
      this.logger.warn({ err: error, conversationId: conversation.id }, 'Read receipt not queued');
    }
  }

  async addNote(principal: Principal, id: string, input: CreateNoteInput): Promise<NoteDto> {
    await this.get(principal, id);
    const note = toNoteDto(
      await this.conversations.createNote({
        tenantId: principal.tenantId,
        conversationId: id,
        authorUserId: principal.userId,
        body: input.body,
      }),
    );
    this.realtime.emit(principal.tenantId, 'note.created', { conversationId: id, note });
    return note;
  }

  async listNotes(principal: Principal, id: string, query: PageQuery): Promise<Page<NoteDto>> {
    await this.get(principal, id);
    const rows = await this.conversations.listNotesPage(
      principal.tenantId,
      id,
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toNoteDto);
  }

  /** Reads the conversation again and tells every agent of the tenant. */
  async publish(tenantId: string, id: string): Promise<ConversationDto> {
    const conversation = await this.conversations.findById(tenantId, id);
    if (!conversation) throw new NotFoundError('Conversation');
    const dto = toConversationDto(conversation);
    this.realtime.emit(tenantId, 'conversation.updated', { conversation: dto });
    return dto;
  }
}
