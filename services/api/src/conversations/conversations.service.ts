import { Injectable } from '@nestjs/common';
import {
  type ConversationDto,
  type CreateNoteInput,
  type ListConversationsQuery,
  type NoteDto,
  type Page,
  type PageQuery,
  type UpdateConversationInput,
} from '@aerostic/shared';
import { NotFoundError } from '../common/http/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { RealtimeService } from '../realtime/realtime.service';
import { UserRepository } from '../users/user.repository';
import { toConversationDto, toNoteDto } from './conversation.mapper';
import { type ConversationWithContact, ConversationRepository } from './conversation.repository';
import { AssigneeNotFoundError } from './conversations.errors';

@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly users: UserRepository,
    private readonly realtime: RealtimeService,
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

  async markRead(principal: Principal, id: string): Promise<ConversationDto> {
    await this.get(principal, id);
    await this.conversations.update(principal.tenantId, id, { unreadCount: 0 });
    return this.publish(principal.tenantId, id);
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
