import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ProducerQueue } from '../../common/queue/producer-queue';

/** The job scheduler's id: one period-end sweep per hour per deployment, however many API instances register it. */
export const PERIOD_END_SCHEDULER_ID = 'billing-period-end';
/** Five past every hour, UTC: a period ending on the hour is invoiced within the hour. */
export const PERIOD_END_PATTERN = '5 * * * *';

/** The producer side of `billing`: registers the period-end sweep; BillingConsumer consumes it. */
@Injectable()
export class BillingQueue extends ProducerQueue<typeof QUEUES.billing> implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.billing, config);
  }

  onApplicationBootstrap(): void {
    this.producer.queue
      .upsertJobScheduler(
        PERIOD_END_SCHEDULER_ID,
        { pattern: PERIOD_END_PATTERN, tz: 'UTC' },
        { name: QUEUES.billing.jobs.periodEnd.name, data: {} },
      )
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'The period-end sweep was not scheduled; the next start schedules it'),
      );
  }
}
