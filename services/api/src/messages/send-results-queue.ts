import { Inject, Injectable } from '@nestjs/common';
import { QUEUES, sendResultJobId } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** A read-only look at `send-results`: whether the worker's outcome of a send waits there for SendResultConsumer. */
@Injectable()
export class SendResultsQueue extends ProducerQueue<typeof QUEUES.sendResults> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.sendResults, config);
  }

  async holdsResult(messageId: string): Promise<boolean> {
    return (await this.producer.queue.getJob(sendResultJobId(messageId))) !== undefined;
  }
}
