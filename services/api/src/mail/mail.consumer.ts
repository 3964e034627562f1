import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { MailTransport } from './mail-transport';

/** Sends wait on the SMTP server and hold no database connection, so a few run at once. */
const CONCURRENCY = 4;

/** The only consumer of `emails`: hands each mail to the SMTP server; BullMQ retries a refused or failed send. */
@Injectable()
export class MailConsumer extends QueueConsumer<typeof QUEUES.emails> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly transport: MailTransport,
  ) {
    super(config, QUEUES.emails, { concurrency: CONCURRENCY });
  }

  protected handlers(): JobHandlers<typeof QUEUES.emails> {
    return { send: ({ to, subject, text, html }) => this.transport.send(to, { subject, text, html }) };
  }
}
