import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type AppConfig } from '../config/app-config';
import { closeWithin } from './close-within';
import { logQueueErrors } from './log-queue-errors';
import { producerQueueOptions } from './queue-connection';

/**
 * A BullMQ queue that requests add to. Its adds fail fast while Redis is unreachable (`producerQueueOptions`), so
 * the request can answer 503 instead of hanging.
 */
export abstract class ProducerQueue<T> implements OnModuleDestroy {
  protected readonly queue: Queue<T>;
  private readonly logger: Logger;

  protected constructor(
    private readonly name: string,
    config: AppConfig,
  ) {
    this.logger = new Logger(new.target.name);
    this.queue = new Queue<T>(name, producerQueueOptions(config));
    logQueueErrors(this.queue, `The ${name} queue`, this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    await closeWithin(this.queue.close(), `The ${this.name} queue`, this.logger);
  }
}
