import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { MessagesService } from './messages.service';

/** The only consumer of `send-results`: the message-worker's outcome of each send finishes it here. */
@Injectable()
export class SendResultConsumer extends QueueConsumer<typeof QUEUES.sendResults> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly messages: MessagesService,
  ) {
    super(config, QUEUES.sendResults, { concurrency: 8 });
  }

  protected handlers(): JobHandlers<typeof QUEUES.sendResults> {
    return { result: (result) => this.messages.recordSendResult(result) };
  }
}
