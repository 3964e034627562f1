import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { WebhookRepository } from './webhook.repository';

/** Rows deleted per statement: short statements keep locks and WAL bursts small while deliveries are written. */
export const PRUNE_BATCH_SIZE = 1000;
const DAY_MS = 24 * 3_600_000;

/** Deletes event webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS (docs/adr/0157). */
@Injectable()
export class WebhookRetention {
  private readonly logger = new Logger(WebhookRetention.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhookRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes in batches until none is left; answers how many went. A failure midway leaves the rest for the retry. */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS);
    let deleted = 0;
    for (;;) {
      const batch = await this.repository.deleteDeliveriesBeforeAcrossTenants(before, PRUNE_BATCH_SIZE);
      deleted += batch;
      if (batch < PRUNE_BATCH_SIZE) break;
    }
    if (deleted > 0) this.logger.log({ deleted, before: before.toISOString() }, 'Old webhook deliveries deleted');
    return deleted;
  }
}
