import { Injectable } from '@nestjs/common';
import { type OverviewDto, type OverviewQuery } from '@aerostic/shared';
import { type Principal } from '../common/tenant-context/principal';
import { toConversationDto } from '../conversations/conversation.mapper';
import { ConversationRepository } from '../conversations/conversation.repository';
import { OverviewRepository } from './overview.repository';

/** How many conversations the overview lists. */
export const RECENT_CONVERSATIONS = 5;

@Injectable()
export class OverviewService {
  constructor(
    private readonly overview: OverviewRepository,
    private readonly conversations: ConversationRepository,
  ) {}

  async get(principal: Principal, query: OverviewQuery): Promise<OverviewDto> {
    const day = await this.overview.today(query.timeZone);
    const [messages, conversations, recent] = await Promise.all([
      this.overview.countMessages(principal.tenantId, day.start, day.end),
      this.overview.countConversations(principal.tenantId),
      this.conversations.listPage(principal.tenantId, {}, null, RECENT_CONVERSATIONS),
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
      recentConversations: recent.map((c) => toConversationDto(c)),
    };
  }
}
