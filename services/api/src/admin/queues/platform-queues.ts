import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type QueueHealthDto, QUEUES } from '@aerostic/shared';
import { type Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { closeWithin } from '../../common/queue/close-within';
import { logQueueErrors } from '../../common/queue/log-queue-errors';
import { producerQueueOptions } from '../../common/queue/queue-connection';
import { reachRedis } from '../../common/redis/redis-unavailable';

/**
 * Every queue of the registry, opened to be looked at and operated on by platform admins (the overview's figures,
 * the queue dashboard). Its commands fail fast while Redis is unreachable, so a page answers 503 instead of hanging.
 */
@Injectable()
export class PlatformQueues implements OnModuleDestroy {
  private readonly logger = new Logger(PlatformQueues.name);
  readonly all: readonly Queue[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.all = Object.values(QUEUES).map((definition) => {
      const queue = new Queue(definition.name, producerQueueOptions(config));
      logQueueErrors(queue, `The ${definition.name} queue (admin)`, this.logger);
      return queue;
    });
  }

  /** Each queue's counts and the age of its oldest waiting job, in the registry's order. */
  health(now = Date.now()): Promise<QueueHealthDto[]> {
    return reachRedis(Promise.all(this.all.map((queue) => queueHealth(queue, now))));
  }

  async onModuleDestroy(): Promise<void> {
    await closeWithin(Promise.all(this.all.map((queue) => queue.close())), 'The admin queues', this.logger);
  }
}

async function queueHealth(queue: Queue, now: number): Promise<QueueHealthDto> {
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed'),
    // The wait list's far end: the job that has waited longest.
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  const due = oldest ? dueAt(oldest) : null;
  return {
    name: queue.name,
    waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    oldestWaitingAgeSeconds: due === null ? null : Math.max(0, Math.floor((now - due) / 1000)),
  };
}

/**
 * When a waiting job became due: when it was added, or, for one that was delayed (by its producer or by a retry), when
 * its delay ended. A retried job's delay counts from its last attempt, which processedOn records.
 */
function dueAt(job: Job): number {
  return Math.max(job.timestamp, job.processedOn ?? 0) + (job.delay ?? 0);
}
