import { Inject, Injectable } from '@nestjs/common';
import { type CampaignFeedJob, QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { DelayedError, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { QueueConsumer } from '../../common/queue/consumer';
import { CampaignFeeder } from './campaign-feeder.service';
import { CampaignQueue } from './campaign-queue';

/**
 * A feed job runs steps back to back for this long, then hands itself back to the queue (delayed until its next
 * step), so that shutdown and the other API instances get their turn.
 */
const RUN_MS = 2_000;

/** The only consumer of `campaign-sends`: the sweep gives each running campaign its feed job, which feeds it. */
@Injectable()
export class CampaignFeedConsumer extends QueueConsumer<typeof QUEUES.campaigns> {
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly feeder: CampaignFeeder,
    private readonly queue: CampaignQueue,
  ) {
    // Campaigns are fed side by side; a step mostly waits on PostgreSQL.
    super(config, QUEUES.campaigns, { concurrency: 16, acrossTenants: { sweep: 'sweeps' } });
  }

  protected handlers(): JobHandlers<typeof QUEUES.campaigns> {
    return {
      sweep: () => this.sweep(),
      feed: (data, job, token) => this.feed(data, job, token),
    };
  }

  override beforeApplicationShutdown(): void {
    this.stopping = true;
    super.beforeApplicationShutdown();
  }

  private async sweep(): Promise<void> {
    const running = await this.feeder.sweep();
    await this.queue.feed(running.map((c) => ({ tenantId: c.tenantId, campaignId: c.id })));
  }

  private async feed(data: CampaignFeedJob, job: Job, token: string | undefined): Promise<void> {
    const until = Date.now() + RUN_MS;
    for (;;) {
      const next = await this.feeder.step(data.tenantId, data.campaignId);
      if (next.kind === 'stop') return;
      if (this.stopping || Date.now() + next.ms > until) {
        await job.moveToDelayed(Date.now() + Math.max(1, next.ms), token);
        throw new DelayedError();
      }
      if (next.ms > 0) await sleep(next.ms);
    }
  }
}
