import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type CampaignFeedJob, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ProducerQueue } from '../../common/queue/producer-queue';

/** The job scheduler's id: one sweep a second per deployment, however many API instances register it. */
export const CAMPAIGN_SWEEP_SCHEDULER_ID = 'campaigns-due';
/** How often due campaigns are started and running ones given their feed job. */
export const CAMPAIGN_SWEEP_EVERY_MS = 1_000;

/** The producer side of `campaign-sends` and its sweep's scheduler; CampaignFeedConsumer consumes it. */
@Injectable()
export class CampaignQueue extends ProducerQueue<typeof QUEUES.campaigns> implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.campaigns, config);
  }

  onApplicationBootstrap(): void {
    this.schedule().catch((err: unknown) =>
      this.logger.warn({ err }, 'The campaign sweep was not scheduled; the next start schedules it'),
    );
  }

  /** Registers the sweep (again): BullMQ keeps one scheduler per id, so every instance may call this. */
  async schedule(): Promise<void> {
    await this.producer.queue.upsertJobScheduler(
      CAMPAIGN_SWEEP_SCHEDULER_ID,
      { every: CAMPAIGN_SWEEP_EVERY_MS },
      { name: QUEUES.campaigns.jobs.sweep.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /** One feed job per campaign (its id is the campaign's): adding it while it exists adds nothing. */
  async feed(jobs: readonly CampaignFeedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.producer.addBulk(QUEUES.campaigns.jobs.feed, jobs);
  }
}
