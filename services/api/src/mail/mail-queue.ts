import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';
import { type MailMessage } from './mail-templates';

/** The producer side of `emails`: one job per mail and recipient. */
@Injectable()
export class MailQueue extends ProducerQueue<typeof QUEUES.emails> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.emails, config);
  }

  async add(key: string, to: string, message: MailMessage): Promise<void> {
    await this.producer.add(QUEUES.emails.jobs.send, { key, to, ...message });
  }
}
