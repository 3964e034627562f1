import { Injectable } from '@nestjs/common';
import { type MessageDto, type Page, type PageQuery } from '@aerostic/shared';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { toMessageDto } from './message.mapper';
import { MessageRepository } from './message.repository';

@Injectable()
export class MessagesService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessageRepository,
  ) {}

  async list(principal: Principal, conversationId: string, query: PageQuery): Promise<Page<MessageDto>> {
    await this.conversations.get(principal, conversationId);
    const rows = await this.messages.listPage(
      principal.tenantId,
      conversationId,
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toMessageDto);
  }
}
