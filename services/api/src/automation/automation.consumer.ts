import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { AutomationEngine } from './automation-engine';
import { AutomationQueue } from './automation-queue';

/** The only consumer of `automation`. Jobs of one conversation rarely overlap; the cap's lock covers when they do. */
@Injectable()
export class AutomationConsumer extends QueueConsumer<typeof QUEUES.automation> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly engine: AutomationEngine,
    private readonly queue: AutomationQueue,
  ) {
    super(config, QUEUES.automation, { concurrency: 16 });
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
