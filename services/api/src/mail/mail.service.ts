import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { AdminRecipientsRepository } from './admin-recipients.repository';
import { MailQueue } from './mail-queue';
import { type MailMessage } from './mail-templates';

/**
 * Transactional mail (docs/adr/0158): a caller only queues; the consumer sends. `key` names the occasion, so queuing
 * the same mail again (a retried request or job) sends it once.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly queue: MailQueue,
    private readonly admins: AdminRecipientsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  send(key: string, to: string, message: MailMessage): Promise<void> {
    return this.queue.add(key, to, message);
  }

  /**
   * Tells every active admin of the workspace. An alert accompanies something already done (an endpoint disabled),
   * so a failure to queue it is logged and never undoes or fails that.
   */
  async alertAdmins(tenantId: string, key: string, message: MailMessage): Promise<void> {
    try {
      const admins = await this.admins.list(tenantId);
      await Promise.all(admins.map((a) => this.queue.add(`${key}-${a.userId}`, a.email, message)));
    } catch (err) {
      this.logger.warn({ err, tenantId, key }, 'Alert mail not queued');
    }
  }

  /** A page of the dashboard, for the links in mails. */
  appUrl(path: string): string {
    return new URL(path, this.config.APP_URL).toString();
  }
}
