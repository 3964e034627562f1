import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookRetention } from './webhook-retention';

/** Attempts waiting on receivers (up to 10 s each) hold no database connection, so several run at once. */
const CONCURRENCY = 8;

/** The only consumer of `webhook-deliveries`. */
@Injectable()
export class WebhookConsumer extends QueueConsumer<typeof QUEUES.webhookDeliveries> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly delivery: WebhookDelivery,
    private readonly retention: WebhookRetention,
  ) {
    super(config, QUEUES.webhookDeliveries, { concurrency: CONCURRENCY, acrossTenants: { prune: 'retention' } });
  }

  protected handlers(): JobHandlers<typeof QUEUES.webhookDeliveries> {
    return { deliver: (job) => this.delivery.attempt(job), prune: () => this.prune() };
  }

  private async prune(): Promise<void> {
    await this.retention.prune();
  }
}
