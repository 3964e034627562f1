import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  PASSWORD_RESET_TTL_MINUTES,
  type PasswordResetConfirmInput,
  type PasswordResetRequestInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { Transactions } from '../database/sql';
import { MailService } from '../mail/mail.service';
import { passwordResetMail } from '../mail/mail-templates';
import { UserAccountsService } from '../users/user-accounts.service';
import { AuthRateLimiter } from './auth-rate-limiter';
import { EmailLinkInvalidError } from './auth.errors';
import { emailLinkUrl, hashEmailToken, newEmailToken } from './email-links';
import { EmailTokenRepository } from './email-token.repository';
import { PasswordService } from './password.service';

/** "Forgot password?": a single-use link, valid 30 minutes, mailed to the account's address (docs/adr/0160). */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountsService,
    private readonly tokens: EmailTokenRepository,
    private readonly passwords: PasswordService,
    private readonly limiter: AuthRateLimiter,
    private readonly auditLogs: AuditLogsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers the same (202) whether or not the address has an account: only the mailbox learns the difference. */
  async request(input: PasswordResetRequestInput, meta: RequestMeta): Promise<void> {
    await this.limiter.consumePasswordReset(meta.ip, input.email);
    const found = await this.users.findByEmailWithPasswordAcrossTenants(input.email);
    if (found?.user.status !== 'active' || found.tenant.status === 'suspended') return;
    const { user } = found;
    const { token, tokenHash } = newEmailToken();
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000);
    const tokenId = await this.transactions.run(async () => {
      const id = await this.tokens.replace({
        tenantId: user.tenantId,
        userId: user.id,
        purpose: 'password_reset',
        tokenHash,
        expiresAt,
      });
      await this.auditLogs.record({
        tenantId: user.tenantId,
        actorUserId: null,
        action: 'auth.password_reset_requested',
        ip: meta.ip,
        target: { type: 'user', id: user.id },
      });
      return id;
    });
    const url = emailLinkUrl(this.config.APP_URL, '/reset-password', token);
    await this.mail.send(
      `password-reset-${tokenId}`,
      user.email,
      passwordResetMail({ name: user.name, url, ttlMinutes: PASSWORD_RESET_TTL_MINUTES }),
    );
    this.logger.log({ tenantId: user.tenantId, userId: user.id }, 'Password reset mail queued');
  }

  /**
   * Sets the new password and signs out every session of the account (the token version is bumped). The link proved
   * the address too, so it counts as verified.
   */
  async confirm(input: PasswordResetConfirmInput, meta: RequestMeta): Promise<void> {
    // Hashed before the token is used: a hash that failed would otherwise have spent the link.
    const passwordHash = await this.passwords.hash(input.password);
    await this.transactions.run(async () => {
      const used = await this.tokens.useAcrossTenants('password_reset', hashEmailToken(input.token), new Date());
      if (!used) throw new EmailLinkInvalidError('reset');
      await this.users.update(used.tenantId, used.userId, {
        passwordHash,
        bumpTokenVersion: true,
        emailVerifiedAt: new Date(),
      });
      await this.auditLogs.record({
        tenantId: used.tenantId,
        actorUserId: used.userId,
        action: 'auth.password_reset',
        ip: meta.ip,
        target: { type: 'user', id: used.userId },
      });
    });
  }
}
