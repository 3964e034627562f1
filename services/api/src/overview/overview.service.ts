import { Injectable } from '@nestjs/common';
import { type OverviewDto, type OverviewQuery } from '@aerostic/shared';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../messages/messages.service';
import { OverviewRepository } from './overview.repository';

/** How many conversations the overview lists. */
export const RECENT_CONVERSATIONS = 5;

@Injectable()
export class OverviewService {
  constructor(
    private readonly overview: OverviewRepository,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
  ) {}

  async get(principal: Principal, query: OverviewQuery): Promise<OverviewDto> {
    const day = await this.overview.today(query.timeZone);
    const [messages, conversations, recent] = await Promise.all([
      this.messages.countBetween(principal.tenantId, day.start, day.end),
      this.conversations.countOpen(principal.tenantId),
      this.conversations.list(principal, { limit: RECENT_CONVERSATIONS }),
    ]);
    return {
      day: {
        date: day.date,
        timeZone: query.timeZone,
        start: day.start.toISOString(),
        end: day.end.toISOString(),
      },
      messages,
      conversations,
      recentConversations: recent.data,
    };
  }
}
