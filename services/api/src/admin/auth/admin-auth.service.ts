import { Inject, Injectable } from '@nestjs/common';
import {
  type AcceptAdminInvitationInput,
  type AdminAuthResponse,
  type AdminInvitationPreviewDto,
  type AdminLoginInput,
  type AdminMeResponse,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { AuthRateLimiter } from '../../auth/auth-rate-limiter';
import { AuthenticationRequiredError, InvalidCredentialsError, InvitationInvalidError } from '../../auth/auth.errors';
import { PasswordService } from '../../auth/password.service';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { Transactions } from '../../database/sql';
import { isUniqueViolation } from '../../database/unique-violation';
import { hashInvitationToken } from '../../users/invitation-token';
import {
  AdminDeactivatedError,
  AdminEmailTakenError,
  TotpCodeRequiredError,
  WrongTotpCodeError,
} from './admin-auth.errors';
import { type AdminInvitationRow, AdminInvitationRepository } from './admin-invitation.repository';
import { toPlatformAdminDto } from './admin.mapper';
import { type AdminPrincipal } from './admin-principal';
import { AdminTokenService } from './admin-token.service';
import { AdminTotpService } from './admin-totp.service';
import { type AdminAccount, PlatformAdminRepository } from './platform-admin.repository';

/** Platform admins' sign-in, sign-out and invitation links; a separate login from tenant users'. */
@Injectable()
export class AdminAuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly admins: PlatformAdminRepository,
    private readonly invitations: AdminInvitationRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: AdminTokenService,
    private readonly totp: AdminTotpService,
    private readonly limiter: AuthRateLimiter,
    private readonly auditLogs: AuditLogsService,
  ) {}

  /**
   * Password first, then the one-time code of an enrolled admin. An unknown email and a wrong password answer alike;
   * a wrong code counts as a failed attempt as a wrong password does.
   */
  async login(input: AdminLoginInput, meta: RequestMeta): Promise<AdminAuthResponse> {
    const attempts = this.limiter.adminLogins;
    const attempt = await attempts.begin(meta.ip, input.email);
    const admin = await this.admins.findCredentialsByEmail(input.email);
    const valid = await this.passwords.verify(input.password, admin?.passwordHash ?? null);
    if (!admin || !valid) {
      await attempts.failed(attempt);
      if (admin) await this.recordFailedLogin(admin, meta, 'wrong password');
      throw new InvalidCredentialsError();
    }
    if (admin.totpEnabled) {
      if (input.totp === undefined) throw new TotpCodeRequiredError();
      if (!(await this.totp.useLoginCode(admin, input.totp))) {
        await attempts.failed(attempt);
        await this.recordFailedLogin(admin, meta, 'wrong one-time code');
        throw new WrongTotpCodeError();
      }
    }
    await attempts.succeeded(attempt);
    if (admin.status !== 'active') throw new AdminDeactivatedError();

    const lastLoginAt = new Date();
    await this.admins.recordLogin(admin.id, lastLoginAt);
    await this.auditLogs.recordByAdmin({ adminId: admin.id }, meta, 'admin.login', {
      target: { type: 'platform_admin', id: admin.id },
      metadata: { userAgent: meta.userAgent },
    });
    return this.session({ ...admin, lastLoginAt });
  }

  /** Signs this token out; the admin's other sessions stay. */
  async logout(principal: AdminPrincipal, meta: RequestMeta): Promise<void> {
    await this.admins.revokeToken({
      id: principal.tokenId,
      adminId: principal.adminId,
      expiresAt: new Date(principal.tokenExpiresAt * 1000),
    });
    await this.auditLogs.recordByAdmin(principal, meta, 'admin.logout', {
      target: { type: 'platform_admin', id: principal.adminId },
    });
  }

  async me(principal: AdminPrincipal): Promise<AdminMeResponse> {
    const admin = await this.admins.findById(principal.adminId);
    if (!admin) throw new AuthenticationRequiredError('Your admin session is invalid or has expired: sign in again');
    return {
      admin: toPlatformAdminDto(admin),
      totpEnrolmentRequired: this.config.NODE_ENV === 'production' && !admin.totpEnabled,
    };
  }

  async previewInvitation(token: string, meta: RequestMeta): Promise<AdminInvitationPreviewDto> {
    const invitation = await this.usableInvitation(token, meta);
    return { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
  }

  /** Uses the invitation once: its row is locked, so two tabs accepting at once create one admin. */
  async acceptInvitation(input: AcceptAdminInvitationInput, meta: RequestMeta): Promise<AdminAuthResponse> {
    // The link first: a made-up one costs a lookup, not a password hash. Checked again below, with the row locked.
    await this.usableInvitation(input.token, meta);
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const admin = await this.transactions.run(async () => {
        const invitation = await this.invitations.findUsableByTokenHash(hashInvitationToken(input.token), true);
        if (!invitation) throw new InvitationInvalidError();
        if (await this.admins.emailExists(invitation.email)) throw new AdminEmailTakenError();
        const created = await this.admins.create({
          email: invitation.email,
          name: input.name,
          passwordHash,
          role: invitation.role,
        });
        await this.invitations.markAccepted(invitation.id);
        await this.auditLogs.recordByAdmin({ adminId: created.id }, meta, 'admin.invitation_accepted', {
          target: { type: 'admin_invitation', id: invitation.id },
          metadata: { role: invitation.role, invitedByAdminId: invitation.invitedByAdminId },
        });
        return created;
      });
      return this.session(admin);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AdminEmailTakenError();
      throw error;
    }
  }

  private async session(admin: AdminAccount): Promise<AdminAuthResponse> {
    return { access_token: await this.tokens.issue(admin), admin: toPlatformAdminDto(admin) };
  }

  /** Against the account tried, with no actor: whoever tried is not known to be that admin. */
  private recordFailedLogin(admin: AdminAccount, meta: RequestMeta, failure: string): Promise<void> {
    return this.auditLogs.record({
      tenantId: null,
      actorUserId: null,
      action: 'admin.login_failed',
      ip: meta.ip,
      target: { type: 'platform_admin', id: admin.id },
      metadata: { email: admin.email, failure, userAgent: meta.userAgent },
    });
  }

  /** The invitation a link names, still usable; a link that names none counts against the caller's IP. */
  private usableInvitation(token: string, meta: RequestMeta): Promise<AdminInvitationRow> {
    return this.limiter.findInvitation(meta.ip, () =>
      this.invitations.findUsableByTokenHash(hashInvitationToken(token)),
    );
  }
}
