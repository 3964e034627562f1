import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { AutomationEngine } from './automation-engine';
import { AutomationQueue } from './automation-queue';

/**
 * Runs shared by the API's other work: more at once made the inbound path's latency worse (their sends queue on the
 * workspace's monthly-limit lock, each holding a connection), fewer would hold AI replies, which wait on the provider.
 */
const CONCURRENCY = 4;

/** The only consumer of `automation`. Jobs of one conversation rarely overlap; the cap's lock covers when they do. */
@Injectable()
export class AutomationConsumer extends QueueConsumer<typeof QUEUES.automation> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly engine: AutomationEngine,
    private readonly queue: AutomationQueue,
  ) {
    super(config, QUEUES.automation, { concurrency: CONCURRENCY, acrossTenants: { sweep: 'sweeps' } });
  }

  protected handlers(): JobHandlers<typeof QUEUES.automation> {
    return {
      message: (job) => this.engine.onMessage(job),
      event: (job) => this.engine.onEvent(job),
      sweep: async () => {
        await this.engine.sweep((job) => this.queue.event(job));
      },
    };
  }
}
