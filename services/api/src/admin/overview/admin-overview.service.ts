import { Injectable } from '@nestjs/common';
import { type AdminOverviewDto, type MessageCountsDto, TENANT_STATUSES, type TenantStatus } from '@aerostic/shared';
import { type DailyMessageCounts } from '../../messages/message.repository';
import { MessagesService } from '../../messages/messages.service';
import { TenantsService } from '../../tenants/tenants.service';
import { WhatsAppAccountsService } from '../../whatsapp/whatsapp-accounts.service';
import { PlatformQueues } from '../queues/platform-queues';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days of the Control Tower's charts, today included. */
export const OVERVIEW_DAYS = 30;
/**
 * A message's created_at is its transaction's start: one that began before midnight may commit just after. The past
 * days are kept only once that can no longer happen.
 */
const SETTLE_MS = 60_000;

type DayCounts = Omit<DailyMessageCounts, 'date'>;
const NONE: DayCounts = { inbound: 0, outbound: 0, failed: 0 };

/** `YYYY-MM-DD` of a UTC instant. */
const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The Control Tower's figures. Counting the platform's messages of 30 days reads every one of them, so the 29 past
 * days are counted once per UTC day and kept (they no longer change); each request counts today only (docs/adr/0108).
 */
@Injectable()
export class AdminOverviewService {
  private pastDays: { today: string; counts: Promise<Map<string, DayCounts>> } | null = null;

  constructor(
    private readonly tenants: TenantsService,
    private readonly messages: MessagesService,
    private readonly numbers: WhatsAppAccountsService,
    private readonly queues: PlatformQueues,
  ) {}

  async get(): Promise<AdminOverviewDto> {
    const now = Date.now();
    const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
    const firstDay = todayStart - (OVERVIEW_DAYS - 1) * DAY_MS;
    const [byStatusAndPlan, numbers, queues, past, [today], newTenants] = await Promise.all([
      this.tenants.countByStatusAndPlanAcrossTenants(),
      this.numbers.countHealthAcrossTenants(),
      this.queues.health(now),
      this.countPastDays(firstDay, todayStart, now),
      this.messages.countByDayAcrossTenants(new Date(todayStart), new Date(todayStart + DAY_MS)),
      this.tenants.countCreatedByDayAcrossTenants(new Date(firstDay)),
    ]);

    const created = new Map(newTenants.map((day) => [day.date, day.count]));
    const days = Array.from({ length: OVERVIEW_DAYS }, (_, i) => {
      const date = utcDate(firstDay + i * DAY_MS);
      const counts = i === OVERVIEW_DAYS - 1 ? (today ?? NONE) : (past.get(date) ?? NONE);
      return { date, counts, newTenants: created.get(date) ?? 0 };
    });
    const byStatus = Object.fromEntries(TENANT_STATUSES.map((s) => [s, 0])) as Record<TenantStatus, number>;
    const byPlan: Record<string, number> = {};
    for (const { status, plan, count } of byStatusAndPlan) {
      byStatus[status] += count;
      byPlan[plan] = (byPlan[plan] ?? 0) + count;
    }
    const todayCounts = today ?? NONE;
    return {
      tenants: { total: byStatusAndPlan.reduce((sum, row) => sum + row.count, 0), byStatus, byPlan },
      connectedNumbers: numbers.connected,
      messages: {
        today: { inbound: todayCounts.inbound, outbound: todayCounts.outbound },
        last7Days: days
          .slice(-7)
          .reduce<MessageCountsDto>(
            (sum, day) => ({ inbound: sum.inbound + day.counts.inbound, outbound: sum.outbound + day.counts.outbound }),
            { inbound: 0, outbound: 0 },
          ),
        failedToday: todayCounts.failed,
      },
      numbersWithProblems: numbers.withProblems,
      queues,
      daily: days.map(({ date, counts, newTenants: created }) => ({
        date,
        inbound: counts.inbound,
        outbound: counts.outbound,
        newTenants: created,
      })),
      generatedAt: new Date(now).toISOString(),
    };
  }

  /** The days before today, counted once per UTC day (the first request of a day pays for it). */
  private countPastDays(firstDay: number, todayStart: number, now: number): Promise<Map<string, DayCounts>> {
    const today = utcDate(todayStart);
    if (this.pastDays?.today === today) return this.pastDays.counts;
    const counts = this.messages
      .countByDayAcrossTenants(new Date(firstDay), new Date(todayStart))
      .then((days) => new Map(days.map(({ date, ...day }) => [date, day])));
    if (now - todayStart >= SETTLE_MS) {
      const kept = { today, counts };
      this.pastDays = kept;
      // A failed count is asked again by the next request.
      counts.catch(() => {
        if (this.pastDays === kept) this.pastDays = null;
      });
    }
    return counts;
  }
}
