import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type AppConfig } from '../config/app-config';
import { logQueueErrors } from './log-queue-errors';
import { producerQueueOptions } from './queue-connection';

/**
 * A BullMQ queue that requests add to. Its adds fail fast while Redis is unreachable (`producerQueueOptions`), so
 * the request can answer 503 instead of hanging.
 */
export abstract class ProducerQueue<T> implements OnModuleDestroy {
  protected readonly queue: Queue<T>;

  protected constructor(name: string, config: AppConfig) {
    this.queue = new Queue<T>(name, producerQueueOptions(config));
    logQueueErrors(this.queue, `The ${name} queue`, new Logger(new.target.name));
  }

  async onModuleDestroy(): Promise<void> {
    // A producer has nothing in flight to finish: if Redis cannot be reached while shutting down, there is nothing
    // to close but the connection, which close() drops either way.
    await this.queue.close().catch(() => undefined);
  }
}
