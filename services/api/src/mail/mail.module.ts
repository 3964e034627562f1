import { Module } from '@nestjs/common';
import { AdminRecipientsRepository } from './admin-recipients.repository';
import { MailConsumer } from './mail.consumer';
import { MailQueue } from './mail-queue';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';

/**
 * Transactional mail over SMTP through the `emails` queue. Imported by the modules that send; Nest makes one instance
 * of it, so the queue keeps its one consumer.
 */
@Module({
  providers: [MailService, MailQueue, MailConsumer, MailTransport, AdminRecipientsRepository],
  exports: [MailService],
})
export class MailModule {}
