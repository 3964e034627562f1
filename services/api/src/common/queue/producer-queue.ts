import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type QueueDefinition } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { type AppConfig } from '../config/app-config';
import { closeWithin } from './close-within';
import { logQueueErrors } from './log-queue-errors';
import { producerQueueOptions } from './queue-connection';

/**
 * A registered queue that requests add to. Its adds fail fast while Redis is unreachable (`producerQueueOptions`),
 * so the request can answer 503 instead of hanging.
 */
export abstract class ProducerQueue<Q extends QueueDefinition> implements OnModuleDestroy {
  protected readonly producer: QueueProducer<Q>;
  protected readonly logger: Logger;

  protected constructor(definition: Q, config: AppConfig) {
    this.logger = new Logger(new.target.name);
    this.producer = new QueueProducer(definition, producerQueueOptions(config));
    logQueueErrors(this.producer.queue, `The ${definition.name} queue`, this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    await closeWithin(this.producer.close(), `The ${this.producer.definition.name} queue`, this.logger);
  }
}
