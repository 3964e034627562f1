import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES, type WhatsAppHealthCheckJob } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The job scheduler's id: one daily sweep per deployment, however many API instances register it. */
export const HEALTH_SCHEDULER_ID = 'whatsapp-health-daily';
/** Every day at 03:00 UTC. A cron pattern gives every instance the same next run, so re-registering moves nothing. */
export const HEALTH_SWEEP_PATTERN = '0 3 * * *';

/** The producer side of `whatsapp-health`, and the daily sweep's scheduler; NumberHealthConsumer consumes it. */
@Injectable()
export class NumberHealthQueue extends ProducerQueue<typeof QUEUES.whatsappHealth> implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Fail-fast like a request's queue, so that shutdown never waits on it while Redis is away; a sweep whose adds
    // failed is retried by BullMQ, and a scheduler that was not registered at start is at the next one.
    super(QUEUES.whatsappHealth, config);
  }

  onApplicationBootstrap(): void {
    this.schedule().catch((err: unknown) =>
      this.logger.warn({ err }, 'The daily number check was not scheduled; the next start schedules it'),
    );
  }

  /** Registers the daily sweep (again): BullMQ keeps one scheduler per id, so every instance may call this. */
  async schedule(): Promise<void> {
    await this.producer.queue.upsertJobScheduler(
      HEALTH_SCHEDULER_ID,
      { pattern: HEALTH_SWEEP_PATTERN, tz: 'UTC' },
      { name: QUEUES.whatsappHealth.jobs.sweep.name, data: {} },
    );
  }

  /** The job id holds the number and the sweep, so a retried sweep queues each number once. */
  async addCheck(job: WhatsAppHealthCheckJob): Promise<void> {
    await this.producer.add(QUEUES.whatsappHealth.jobs.check, job);
  }
}
