import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { closeWithin } from '../common/queue/close-within';
import { startConsumer } from '../common/queue/consumer';
import { MessagesService } from './messages.service';

/** The only consumer of `send-results`: the message-worker's outcome of each send finishes it here. */
@Injectable()
export class SendResultConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SendResultConsumer.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startConsumer(
      this.config,
      QUEUES.sendResults,
      { result: (result) => this.messages.recordSendResult(result) },
      { concurrency: 8, logger: this.logger },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWithin(this.worker.close(), 'The send-results worker', this.logger);
  }
}
