import { type Job, Queue, type QueueOptions, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import { z } from 'zod';
import {
  type JobData,
  type JobDefinition,
  type JobPayload,
  type QueueConsumerService,
  type QueueDefinition,
} from '../queues';

/** A job of the queue `Q`, by the registry's key (`send`, `markRead`, …). */
type JobsOf<Q extends QueueDefinition> = Q['jobs'][keyof Q['jobs']];

/**
 * The producer side of a registered queue: job names, ids and options come from the registry, and the payload's type
 * from the job's schema. Options are BullMQ's connection settings and prefix.
 */
export class QueueProducer<Q extends QueueDefinition> {
  readonly queue: Queue;

  constructor(
    readonly definition: Q,
    options: Omit<QueueOptions, 'defaultJobOptions'>,
  ) {
    this.queue = new Queue(definition.name, { ...options, defaultJobOptions: definition.defaultJobOptions });
  }

  /** Adds one job; `jobId` overrides the registry's id for this payload (none: BullMQ makes one up). */
  add<J extends JobsOf<Q>>(job: J, payload: JobPayload<J>, options: { jobId?: string } = {}): Promise<Job> {
    return this.queue.add(job.name, payload, { ...job.options, jobId: options.jobId ?? job.jobId?.(payload) });
  }

  /** Adds jobs in one round trip, each under the registry's id for its payload; `priority` applies to them all. */
  addBulk<J extends JobsOf<Q>>(job: J, payloads: readonly JobPayload<J>[], options: { priority?: number } = {}) {
    return this.queue.addBulk(
      payloads.map((payload) => ({
        name: job.name,
        data: payload,
        opts: { ...job.options, ...options, jobId: job.jobId?.(payload) },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A process started a consumer for a queue that another service consumes: it refuses to start. */
export class QueueOwnershipError extends Error {
  constructor(service: QueueConsumerService, definition: QueueDefinition) {
    super(
      `The ${service} must not consume the queue ${definition.name}: its only consumer is the ${definition.consumer}`,
    );
    this.name = 'QueueOwnershipError';
  }
}

/** How a consumer handles each job of the queue, by the registry's key; the payload has passed its schema. */
export type JobHandlers<Q extends QueueDefinition> = {
  [K in keyof Q['jobs']]: (data: JobData<Q['jobs'][K]>, job: Job, token: string | undefined) => Promise<void>;
};

/**
 * The BullMQ worker of a registered queue, for the service the registry names as its consumer (anything else throws
 * QueueOwnershipError before a job is taken). Each job is checked at the edge: an unknown job name or a payload
 * that fails its schema fails at once, without retries, with the reason, and stays in the failed set.
 */
export function createQueueWorker<Q extends QueueDefinition>(
  service: QueueConsumerService,
  definition: Q,
  handlers: JobHandlers<Q>,
  options: WorkerOptions,
): Worker {
  if (definition.consumer !== service) throw new QueueOwnershipError(service, definition);
  // Each handler receives the payload its own job's schema produced, so the map may forget the pairing's type.
  type Handle = (data: unknown, job: Job, token: string | undefined) => Promise<void>;
  const byName = new Map<string, { job: JobDefinition; handle: Handle }>();
  for (const key of Object.keys(definition.jobs) as (keyof Q['jobs'] & string)[]) {
    byName.set(definition.jobs[key]!.name, { job: definition.jobs[key]!, handle: handlers[key] as Handle });
  }
  return new Worker(
    definition.name,
    async (job: Job, token?: string) => {
      const entry = byName.get(job.name);
      if (!entry) {
        throw new UnrecoverableError(
          `Unknown job "${job.name}" on ${definition.name}; it takes ${[...byName.keys()].join(', ')}`,
        );
      }
      const parsed = entry.job.schema.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(`Invalid ${job.name} job on ${definition.name}: ${z.prettifyError(parsed.error)}`);
      }
      await entry.handle(parsed.data, job, token);
    },
    options,
  );
}
