import { Inject, Injectable, Logger } from '@nestjs/common';
import { EMAIL_VERIFICATION_TTL_HOURS, type VerifyEmailInput } from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { MailService } from '../mail/mail.service';
import { emailVerificationMail } from '../mail/mail-templates';
import { UserAccountsService } from '../users/user-accounts.service';
import { AuthRateLimiter } from './auth-rate-limiter';
import { AuthenticationRequiredError, EmailLinkInvalidError, EmailNotVerifiedError } from './auth.errors';
import { emailLinkUrl, hashEmailToken, newEmailToken } from './email-links';
import { EmailTokenRepository } from './email-token.repository';

/** The address given at sign-up, proven by a mailed link before the workspace connects a number (docs/adr/0159). */
@Injectable()
export class EmailVerificationService {
  private readonly logger = new Logger(EmailVerificationService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountsService,
    private readonly tokens: EmailTokenRepository,
    private readonly limiter: AuthRateLimiter,
    private readonly auditLogs: AuditLogsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Mails a new link (the older ones stop working). */
  async send(user: { id: string; tenantId: string; email: string; name: string }): Promise<void> {
    const { token, tokenHash } = newEmailToken();
    const tokenId = await this.tokens.replace({
      tenantId: user.tenantId,
      userId: user.id,
      purpose: 'email_verification',
      tokenHash,
      expiresAt: new Date(Date.now() + EMAIL_VERIFICATION_TTL_HOURS * 3_600_000),
    });
    const url = emailLinkUrl(this.config.APP_URL, '/verify-email', token);
    await this.mail.send(`email-verification-${tokenId}`, user.email, emailVerificationMail({ name: user.name, url }));
  }

  /** After sign-up: the workspace exists already, so a mail that could not be queued is logged; "resend" recovers. */
  async sendAfterSignUp(user: { id: string; tenantId: string; email: string; name: string }): Promise<void> {
    try {
      await this.send(user);
    } catch (err) {
      this.logger.warn({ err, tenantId: user.tenantId, userId: user.id }, 'Verification mail not queued');
    }
  }

  /** The dashboard's "resend": nothing is sent once the address is verified. */
  async resend(principal: Principal): Promise<void> {
    const found = await this.users.findForAuthAcrossTenants(principal.userId);
    if (!found) throw new AuthenticationRequiredError();
    if (found.user.emailVerifiedAt) return;
    await this.limiter.consumeVerificationResend(principal.userId);
    await this.send(found.user);
  }

  /** Public: the link may be opened in a browser that is not signed in. */
  async verify(input: VerifyEmailInput, meta: RequestMeta): Promise<void> {
    await this.transactions.run(async () => {
      const used = await this.tokens.useAcrossTenants('email_verification', hashEmailToken(input.token), new Date());
      if (!used) throw new EmailLinkInvalidError('verification');
      await this.users.update(used.tenantId, used.userId, { emailVerifiedAt: new Date() });
      await this.auditLogs.record({
        tenantId: used.tenantId,
        actorUserId: used.userId,
        action: 'auth.email_verified',
        ip: meta.ip,
        target: { type: 'user', id: used.userId },
      });
    });
  }

  /** Throws EmailNotVerifiedError until the member's address is verified. */
  async assertVerified(principal: Principal): Promise<void> {
    const found = await this.users.findForAuthAcrossTenants(principal.userId);
    if (!found?.user.emailVerifiedAt) throw new EmailNotVerifiedError();
  }
}
