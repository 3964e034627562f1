import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Transactions } from '../database/sql';
import { UsageStatsRepository } from './usage-stats.repository';
import { TenantScope } from '../database/tenant-scope';

/** How often the deltas are folded; readers are exact either way, this keeps what they sum small. */
const FOLD_EVERY_MS = 5_000;
const FOLD_BATCH = 20_000;

/**
 * Moves the rollups' deltas into `message_stats_daily` (docs/adr/0127): one transaction per batch under one lock, so
 * the daily rows have a single writer at a time and the inbound path never waits on them.
 */
@Injectable()
export class UsageFolder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UsageFolder.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly stats: UsageStatsRepository,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.foldAll(), FOLD_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Folds until no delta is left; a call while one runs waits for it. */
  foldAll(): Promise<void> {
    this.running ??= this.loop().finally(() => (this.running = null));
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      const fold = () => this.transactions.run(() => this.stats.fold(FOLD_BATCH));
      while ((await TenantScope.acrossTenants('billing', fold)) === FOLD_BATCH);
    } catch (err) {
      // The deltas stay; the next run folds them.
      this.logger.warn({ err }, 'Usage deltas not folded; trying again later');
    }
  }
}
