import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type ListConversationsQuery } from '@aerostic/shared';
import { Repository } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { type Contact, Conversation, ConversationNote, Message } from '../database/entities';

export type ConversationWithContact = Conversation & { contact: Contact };

export interface ConversationFilters extends Omit<ListConversationsQuery, 'limit' | 'cursor' | 'assigneeId'> {
  assigneeId?: string;
}

@Injectable()
export class ConversationRepository {
  constructor(
    @InjectRepository(Conversation) private readonly repo: Repository<Conversation>,
    @InjectRepository(ConversationNote) private readonly notes: Repository<ConversationNote>,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
  ) {}

  async findById(tenantId: string, id: string): Promise<ConversationWithContact | null> {
    const row = await this.repo.findOne({ where: { tenantId, id }, relations: { contact: true } });
    return row?.contact ? (row as ConversationWithContact) : null;
  }

  /** Newest activity first; the cursor is the last row's (lastMessageAt, id). */
  async listPage(
    tenantId: string,
    filters: ConversationFilters,
    after: KeysetPosition | null,
    take: number,
  ): Promise<ConversationWithContact[]> {
    const qb = this.repo
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.contact', 'ct')
      .where('c.tenant_id = :tenantId', { tenantId })
      .orderBy('c.last_message_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(take);
    if (filters.status) qb.andWhere('c.status = :status', { status: filters.status });
    if (filters.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: filters.assigneeId });
    if (filters.unassigned === true) qb.andWhere('c.assignee_id IS NULL');
    if (filters.unassigned === false) qb.andWhere('c.assignee_id IS NOT NULL');
    if (filters.whatsappAccountId)
      qb.andWhere('c.whatsapp_account_id = :accountId', { accountId: filters.whatsappAccountId });
    if (filters.search) {
      const like = `%${filters.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const digits = filters.search.replace(/\D/g, '');
      qb.andWhere(`(ct.name ILIKE :like OR ct.profile_name ILIKE :like${digits ? ' OR ct.wa_id LIKE :digits' : ''})`, {
        like,
        digits: `%${digits}%`,
      });
    }
    if (after) qb.andWhere('(c.last_message_at, c.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return (await qb.getMany()) as ConversationWithContact[];
  }

  async update(
    tenantId: string,
    id: string,
    changes: Partial<Pick<Conversation, 'status' | 'assigneeId' | 'unreadCount'>>,
  ): Promise<void> {
    await this.repo.update({ tenantId, id }, changes);
  }

  /** Sets the unread count to 0; true only for the call that cleared it, so two readers at once act once. */
  async clearUnread(tenantId: string, id: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(Conversation)
      .set({ unreadCount: 0 })
      .where('tenant_id = :tenantId AND id = :id AND unread_count > 0', { tenantId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The customer's latest message that reached us through WhatsApp (by the customer's own time). */
  lastInboundMessage(tenantId: string, conversationId: string): Promise<Message | null> {
    return this.messages
      .createQueryBuilder('m')
      .where('m.tenant_id = :tenantId AND m.conversation_id = :conversationId', { tenantId, conversationId })
      .andWhere(`m.direction = 'inbound' AND m.wamid IS NOT NULL`)
      .orderBy('m.sent_at', 'DESC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'DESC')
      .getOne();
  }

  createNote(
    values: Pick<ConversationNote, 'tenantId' | 'conversationId' | 'authorUserId' | 'body'>,
  ): Promise<ConversationNote> {
    return this.notes.save(this.notes.create(values));
  }

  listNotesPage(
    tenantId: string,
    conversationId: string,
    after: KeysetPosition | null,
    take: number,
  ): Promise<ConversationNote[]> {
    const qb = this.notes
      .createQueryBuilder('n')
      .where('n.tenant_id = :tenantId AND n.conversation_id = :conversationId', { tenantId, conversationId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(take);
    if (after) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
