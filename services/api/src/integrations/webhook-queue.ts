import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The job scheduler's id: one daily deletion of old deliveries per deployment, however many API instances. */
export const PRUNE_SCHEDULER_ID = 'webhook-deliveries-prune-daily';
/** Every day at 04:00 UTC: a cron pattern gives every instance the same next run, so re-registering moves nothing. */
export const PRUNE_PATTERN = '0 4 * * *';

/** The producer side of `webhook-deliveries`: one job per attempt of a delivery, and the daily prune's scheduler. */
@Injectable()
export class WebhookQueue extends ProducerQueue<typeof QUEUES.webhookDeliveries> implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.webhookDeliveries, config);
  }

  onApplicationBootstrap(): void {
    this.schedulePrune().catch((err: unknown) =>
      this.logger.warn({ err }, 'The daily webhook delivery prune was not scheduled; the next start schedules it'),
    );
  }

  /** Registers the daily prune (again): BullMQ keeps one scheduler per id, so every instance may call this. */
  async schedulePrune(): Promise<void> {
    await this.producer.queue.upsertJobScheduler(
      PRUNE_SCHEDULER_ID,
      { pattern: PRUNE_PATTERN, tz: 'UTC' },
      { name: QUEUES.webhookDeliveries.jobs.prune.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /**
   * The attempt after `attemptsMade`, after `delayMs`. Its job id names the delivery and the attempt, so the same
   * attempt queued twice (a retry and a "send again" racing) runs once.
   */
  async attempt(tenantId: string, deliveryId: string, attemptsMade: number, delayMs = 0): Promise<void> {
    const definition = QUEUES.webhookDeliveries.jobs.deliver;
    await this.producer.queue.add(
      definition.name,
      { tenantId, deliveryId },
      { jobId: `webhook-${deliveryId}-${attemptsMade}`, delay: delayMs },
    );
  }
}
