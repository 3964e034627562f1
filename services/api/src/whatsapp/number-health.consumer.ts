import { Inject, Injectable } from '@nestjs/common';
import { QUEUES, type WhatsAppHealthCheckJob } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { NumberHealthService } from './number-health.service';

/** A check that could not reach Meta: recorded on the number, and retried by BullMQ later. */
export class MetaUnreachableError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'MetaUnreachableError';
  }
}

/** The only consumer of `whatsapp-health`: the daily sweep fans out to one check per connected number. */
@Injectable()
export class NumberHealthConsumer extends QueueConsumer<typeof QUEUES.whatsappHealth> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly health: NumberHealthService,
  ) {
    // Each check waits on Meta twice; a few at once keep a large sweep short without pressing Meta's rate limits.
    super(config, QUEUES.whatsappHealth, { concurrency: 4, acrossTenants: { sweep: 'sweeps' } });
  }

  protected handlers(): JobHandlers<typeof QUEUES.whatsappHealth> {
    return { sweep: (_data, job) => this.sweep(job), check: (job) => this.check(job) };
  }

  private async sweep(job: Job): Promise<void> {
    // The scheduler's job ids (`repeat:<scheduler>:<time>`) name the day's sweep; BullMQ ids may not hold `:`.
    const sweep = String(job.id).replace(/[^\w-]/g, '-');
    const queued = await this.health.queueSweep(sweep);
    this.logger.log({ sweep, queued }, 'Daily number check queued');
  }

  private async check(job: WhatsAppHealthCheckJob): Promise<void> {
    const verdict = await this.health.checkConnected(job.tenantId, job.whatsappAccountId);
    if (verdict?.unreachable) throw new MetaUnreachableError(verdict.problem ?? 'Meta could not be reached');
  }
}
