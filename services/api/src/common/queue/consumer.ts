import { type Logger } from '@nestjs/common';
import { type QueueDefinition } from '@aerostic/shared';
import { createQueueWorker, type JobHandlers } from '@aerostic/shared/node';
import { type Worker } from 'bullmq';
import { type AppConfig } from '../config/app-config';
import { logQueueErrors } from './log-queue-errors';
import { queueOptions } from './queue-connection';

/**
 * A BullMQ worker of a queue the API consumes (the registry says which: another one refuses to start), with its
 * failures logged once each and Redis's errors once a minute.
 */
export function startConsumer<Q extends QueueDefinition>(
  config: AppConfig,
  definition: Q,
  handlers: JobHandlers<Q>,
  options: { concurrency: number; logger: Logger; label?: string },
): Worker {
  const worker = createQueueWorker('api', definition, handlers, {
    ...queueOptions(config),
    concurrency: options.concurrency,
  });
  worker.on('failed', (job, err) =>
    options.logger.error({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, `${definition.name} job failed`),
  );
  logQueueErrors(worker, `The ${options.label ?? definition.name} worker`, options.logger);
  return worker;
}
