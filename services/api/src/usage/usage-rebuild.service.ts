import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/sql';
import { UsageStatsRepository } from './usage-stats.repository';

/** Every date of [from, to], `YYYY-MM-DD`. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

/**
 * Recomputes rollups from `messages` (`npm run usage:rebuild`, docs/adr/0127): one transaction per tenant and day, each
 * idempotent, so an interrupted rebuild is simply run again. Days are the tenant's own (its time zone now): after a
 * change of time zone, rebuild the tenant's days since its first message.
 */
@Injectable()
export class UsageRebuildService {
  constructor(
    private readonly stats: UsageStatsRepository,
    private readonly transactions: Transactions,
  ) {}

  /** Answers how many tenant-days were rebuilt. */
  async rebuild(tenantId: string | null, from: string, to: string): Promise<number> {
    const tenants = tenantId ? [tenantId] : await this.stats.allTenantIds();
    const days = datesBetween(from, to);
    for (const tenant of tenants)
      for (const day of days) await this.transactions.run(() => this.stats.rebuildDay(tenant, day));
    return tenants.length * days.length;
  }
}
