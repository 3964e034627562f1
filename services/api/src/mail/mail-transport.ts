import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { type MailMessage } from './mail-templates';

/** Gives up on an SMTP server that stops answering, so the job is retried rather than hung. */
const SMTP_TIMEOUT_MS = 20_000;

/** The SMTP connection (nodemailer) from SMTP_URL, or else SMTP_HOST/PORT/USER/PASS/SECURE. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const timeouts = {
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    };
    this.transporter = config.SMTP_URL
      ? createTransport({ url: config.SMTP_URL, ...timeouts })
      : createTransport({
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          secure: config.SMTP_SECURE,
          ...(config.SMTP_USER && { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } }),
          ...timeouts,
        });
  }

  async send(to: string, message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.config.MAIL_FROM, to, ...message });
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
