import { type ConversationDto } from './inbox';

/** `GET /dashboard/overview`: today's traffic and the inbox's current state, for the dashboard's first page. */
export interface OverviewDto {
  /** The day the message figures cover: midnight to midnight in `timeZone`. */
  day: { date: string; timeZone: string; start: string; end: string };
  messages: {
    inbound: number;
    outbound: number;
    /** Messages sent today that Meta refused or could not deliver. */
    failed: number;
  };
  /** Right now, not only today's. */
  conversations: { open: number; unassigned: number };
  /** Latest activity first. */
  recentConversations: ConversationDto[];
}
