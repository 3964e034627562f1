import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The producer side of `webhook-deliveries`: one job per attempt of a delivery. */
@Injectable()
export class WebhookQueue extends ProducerQueue<typeof QUEUES.webhookDeliveries> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.webhookDeliveries, config);
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
