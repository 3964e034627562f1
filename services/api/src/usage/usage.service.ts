import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/http/domain-error';
import { UsageStatsRepository } from './usage-stats.repository';

/** A tenant's month so far, in its time zone, from the rollups. */
export interface MonthToDate {
  /** The first day of the tenant's current month, `YYYY-MM-DD`. */
  month: string;
  outbound: number;
  aiReplies: number;
  metaCostMicros: number;
}

/**
 * Usage counted from the daily rollups (docs/adr/0127): what the monthly limit and the Meta budget compare with. The
 * counting itself happens in the database, in the transaction of each message write.
 */
@Injectable()
export class UsageService {
  constructor(private readonly stats: UsageStatsRepository) {}

  async monthToDate(tenantId: string): Promise<MonthToDate> {
    const month = await this.month(tenantId);
    return { month, ...(await this.stats.monthToDate(tenantId, month)) };
  }

  /** The first day of the tenant's current month, `YYYY-MM-DD`. */
  private async month(tenantId: string): Promise<string> {
    const clock = await this.stats.tenantDay(tenantId);
    if (!clock) throw new NotFoundError('Workspace');
    return `${clock.today.slice(0, 8)}01`;
  }

  /** This calendar month's outbound messages and AI replies (tenant time zone), from the outbound rollups alone. */
  async outboundMonthToDate(tenantId: string): Promise<{ outbound: number; aiReplies: number }> {
    return this.stats.outboundSince(tenantId, await this.month(tenantId));
  }

  /**
   * Outbound messages stored this calendar month (tenant time zone), failed ones included: what the
   * `outboundMessagesPerMonth` limit counts. Exact: the rollups hold every committed message.
   */
  async outboundThisMonth(tenantId: string): Promise<number> {
    return (await this.outboundMonthToDate(tenantId)).outbound;
  }

  /** Replies the AI sent this calendar month (tenant time zone): what the `aiRepliesPerMonth` limit counts. */
  async aiRepliesThisMonth(tenantId: string): Promise<number> {
    return (await this.outboundMonthToDate(tenantId)).aiReplies;
  }
}
