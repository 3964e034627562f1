import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { UnknownTimeZoneError } from './overview.errors';

/** PostgreSQL's answer to a time zone name it does not know. */
const INVALID_PARAMETER_VALUE = '22023';

export interface DayBounds {
  /** The calendar date in the time zone, `YYYY-MM-DD`. */
  date: string;
  start: Date;
  end: Date;
}

export interface MessageCounts {
  inbound: number;
  outbound: number;
  failed: number;
}

export interface ConversationCounts {
  open: number;
  unassigned: number;
}

/** Aggregates for the overview, computed by PostgreSQL over the indexed columns; nothing is stored for them. */
@Injectable()
export class OverviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Today in the time zone, by the database's clock; a day is 23 or 25 hours long when clocks change. */
  async today(timeZone: string): Promise<DayBounds> {
    const [row] = (await this.dataSource
      .query(
        `SELECT to_char(d.local_day, 'YYYY-MM-DD') AS date,
              d.local_day AT TIME ZONE $1 AS start,
              (d.local_day + interval '1 day') AT TIME ZONE $1 AS end
       FROM (SELECT date_trunc('day', now() AT TIME ZONE $1) AS local_day) d`,
        [timeZone],
      )
      .catch((error: unknown) => {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        throw code === INVALID_PARAMETER_VALUE ? new UnknownTimeZoneError(timeZone) : error;
      })) as { date: string; start: Date; end: Date }[];
    return { date: row!.date, start: row!.start, end: row!.end };
  }

  /** Messages stored in [start, end); a failed send counts as outbound and as failed. */
  async countMessages(tenantId: string, start: Date, end: Date): Promise<MessageCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS inbound,
              count(*) FILTER (WHERE direction = 'outbound')::int AS outbound,
              count(*) FILTER (WHERE direction = 'outbound' AND status = 'failed')::int AS failed
       FROM messages
       WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3`,
      [tenantId, start, end],
    )) as MessageCounts[];
    return row!;
  }

  async countConversations(tenantId: string): Promise<ConversationCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
       FROM conversations
       WHERE tenant_id = $1 AND status = 'open'`,
      [tenantId],
    )) as ConversationCounts[];
    return row!;
  }
}
