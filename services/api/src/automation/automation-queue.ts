import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AutomationEventJob, type AutomationMessageJob, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The job scheduler's id: one no-reply sweep per period per deployment, however many API instances register it. */
export const AUTOMATION_SWEEP_SCHEDULER_ID = 'automation-no-reply';
/** How often waits that ran out are looked for: a no_reply rule fires at most this late. */
export const AUTOMATION_SWEEP_EVERY_MS = 20_000;

/**
 * The producer side of `automation`, for the inbound path and the conversations module (a module of its own, so they
 * need nothing else of automation); AutomationConsumer consumes it.
 */
@Injectable()
export class AutomationQueue extends ProducerQueue<typeof QUEUES.automation> implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.automation, config);
  }

  onApplicationBootstrap(): void {
    this.producer.queue
      .upsertJobScheduler(
        AUTOMATION_SWEEP_SCHEDULER_ID,
        { every: AUTOMATION_SWEEP_EVERY_MS },
        { name: QUEUES.automation.jobs.sweep.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
      )
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'The no-reply sweep was not scheduled; the next start schedules it'),
      );
  }

  /** One job per message, in one round trip; the job id is the message's, so adding one again adds nothing. */
  async messages(jobs: readonly AutomationMessageJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.producer.addBulk(QUEUES.automation.jobs.message, jobs);
  }

  /** The job id is the event's key, so an event is queued once however often this is called. */
  async event(job: AutomationEventJob): Promise<void> {
    await this.producer.add(QUEUES.automation.jobs.event, job);
  }
}
