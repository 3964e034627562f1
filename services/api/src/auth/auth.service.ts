import { Injectable } from '@nestjs/common';
import {
  type AcceptInvitationInput,
  type AuthResponse,
  type ChangePasswordInput,
  type InvitationPreviewDto,
  type LoginInput,
  type LoginResponse,
  type MeResponse,
  type RegisterInput,
  type UpdateProfileInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { type Invitation } from '../database/entities';
import { Transactions } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { LimitsService } from '../limits/limits.service';
import { toTenantDto } from '../tenants/tenant.mapper';
import { TenantsService } from '../tenants/tenants.service';
import { hashInvitationToken } from '../users/invitation-token';
import { UserAccountsService } from '../users/user-accounts.service';
import { toUserDto } from '../users/user.mapper';
import { AuthRateLimiter } from './auth-rate-limiter';
import { EmailVerificationService } from './email-verification.service';
import {
  AccountDeactivatedError,
  AuthenticationRequiredError,
  EmailTakenError,
  InvalidCredentialsError,
  InvitationInvalidError,
  PasswordSignInDisabledError,
  WorkspaceSuspendedError,
  WrongCurrentPasswordError,
} from './auth.errors';
import { KnownDevices } from './known-devices';
import { MicrosoftSignInService } from './microsoft/microsoft-sign-in.service';
import { PasswordService } from './password.service';
import { RevokedTokens } from './revoked-tokens';
import { SignIns } from './sign-ins';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenants: TenantsService,
    private readonly users: UserAccountsService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly limiter: AuthRateLimiter,
    private readonly auditLogs: AuditLogsService,
    private readonly revokedTokens: RevokedTokens,
    private readonly limits: LimitsService,
    private readonly verification: EmailVerificationService,
    private readonly knownDevices: KnownDevices,
    private readonly microsoft: MicrosoftSignInService,
    private readonly signIns: SignIns,
  ) {}

  /** Creates the workspace and its first admin together, or neither. */
  async register(input: RegisterInput, meta: RequestMeta): Promise<Required<AuthResponse>> {
    await this.limiter.consumeSignup(meta.ip);
    if (await this.users.emailExistsAcrossTenants(input.email)) throw new EmailTakenError();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const { tenant, user } = await this.transactions.run(async () => {
        const tenant = await this.tenants.create(input.tenantName);
        const user = await this.users.create({
          tenantId: tenant.id,
          email: input.email,
          name: input.name,
          passwordHash,
          role: 'admin',
        });
        await this.auditLogs.record({
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'auth.register',
          ip: meta.ip,
          target: { type: 'tenant', id: tenant.id },
        });
        return { tenant, user };
      });
      await this.verification.sendAfterSignUp(user);
      return { access_token: await this.tokens.issue(user), user: toUserDto(user), tenant: toTenantDto(tenant) };
    } catch (error) {
      // Two sign-ups with the same email at once: the unique index decides, the loser gets the same 409.
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  /** `device_token` is a new known-device token for the browser, which the controller sets as a cookie. */
  async login(input: LoginInput, meta: RequestMeta): Promise<LoginResponse> {
    const deviceId = this.knownDevices.verify(meta.knownDevice, input.email);
    const attempt = await this.limiter.beginLogin(meta.ip, input.email, deviceId);
    const found = await this.users.findByEmailWithPasswordAcrossTenants(input.email);
    const valid = await this.passwords.verify(input.password, found?.user.passwordHash ?? null);
    if (!found || !valid) {
      await this.limiter.loginFailed(attempt);
      await this.auditLogs.record({
        tenantId: found?.tenant.id ?? null,
        actorUserId: null,
        action: 'auth.login_failed',
        ip: meta.ip,
        ...(found && { target: { type: 'user', id: found.user.id } }),
        metadata: { email: input.email, userAgent: meta.userAgent },
      });
      throw new InvalidCredentialsError();
    }
    await this.limiter.loginSucceeded(attempt);
    const { user, tenant } = found;
    if (user.status !== 'active') throw new AccountDeactivatedError();
    if (tenant.status === 'suspended') throw new WorkspaceSuspendedError();
    // After the password check, so the answer tells nothing about accounts to someone without the password.
    if (!(await this.microsoft.passwordSignInAllowed(tenant.id))) throw new PasswordSignInDisabledError();

    const lastLoginAt = await this.signIns.succeeded(user, meta);
    return {
      access_token: await this.tokens.issue(user),
      user: toUserDto({ ...user, lastLoginAt }),
      device_token: this.knownDevices.issue(input.email, deviceId ?? undefined),
    };
  }

  async logout(principal: Principal, meta: RequestMeta): Promise<void> {
    // Announced by the table's trigger once committed, so the live sockets re-checked on hearing it find it revoked.
    await this.revokedTokens.revoke({
      id: principal.tokenId,
      tenantId: principal.tenantId,
      userId: principal.userId,
      expiresAt: new Date(principal.tokenExpiresAt * 1000),
    });
    await this.auditLogs.recordBy(principal, meta, 'auth.logout', { target: { type: 'user', id: principal.userId } });
  }

  async me(principal: Principal): Promise<MeResponse> {
    const found = await this.users.findForAuthAcrossTenants(principal.userId);
    if (!found) throw new AuthenticationRequiredError();
    return {
      user: toUserDto(found.user),
      tenant: toTenantDto(found.tenant),
      emailVerified: found.user.emailVerifiedAt !== null,
    };
  }

  /** A member's own profile: only the name, which the team sees in the inbox and the team list. */
  async updateProfile(principal: Principal, input: UpdateProfileInput): Promise<MeResponse> {
    await this.users.update(principal.tenantId, principal.userId, { name: input.name });
    return this.me(principal);
  }

  async previewInvitation(token: string, meta: RequestMeta): Promise<InvitationPreviewDto> {
    const invitation = await this.usableInvitation(token, meta);
    const tenant = await this.tenants.findById(invitation.tenantId);
    if (!tenant) throw new InvitationInvalidError();
    return {
      email: invitation.email,
      role: invitation.role,
      tenantName: tenant.name,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /** Uses the invitation once: the row is locked, so two tabs accepting at once create one user. */
  async acceptInvitation(input: AcceptInvitationInput, meta: RequestMeta): Promise<AuthResponse> {
    // The link first: a made-up one costs a lookup, not a password hash. Checked again below, with the row locked.
    await this.usableInvitation(input.token, meta);
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const user = await this.transactions.run(async () => {
        const invitation = await this.users.findUsableInvitationAcrossTenants(hashInvitationToken(input.token), true);
        if (!invitation) throw new InvitationInvalidError();
        const tenant = await this.tenants.findById(invitation.tenantId);
        if (tenant?.status !== 'active') throw new WorkspaceSuspendedError();
        if (await this.users.emailExistsAcrossTenants(invitation.email)) throw new EmailTakenError();
        // The invitation already held a seat; this refuses it only when the limit was lowered since it was sent.
        const { tenantId } = invitation;
        await this.limits.assertWithin(tenantId, 'agents', () => this.users.countActive(tenantId));
        const created = await this.users.create({
          tenantId: invitation.tenantId,
          email: invitation.email,
          name: input.name,
          passwordHash,
          role: invitation.role,
          // The invitation was opened from the invited address's mail, or handed over by an admin who knows it.
          emailVerifiedAt: new Date(),
        });
        await this.users.markInvitationAccepted(invitation.tenantId, invitation.id);
        await this.auditLogs.record({
          tenantId: invitation.tenantId,
          actorUserId: created.id,
          action: 'invitation.accepted',
          ip: meta.ip,
          target: { type: 'invitation', id: invitation.id },
          metadata: { role: invitation.role },
        });
        return created;
      });
      return { access_token: await this.tokens.issue(user), user: toUserDto(user) };
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  /** The invitation a link names, still usable; a link that names none counts against the caller's IP. */
  private usableInvitation(token: string, meta: RequestMeta): Promise<Invitation> {
    return this.limiter.findInvitation(meta.ip, () =>
      this.users.findUsableInvitationAcrossTenants(hashInvitationToken(token)),
    );
  }

  /** Signs out every other session: the new token carries the bumped version. */
  async changePassword(principal: Principal, input: ChangePasswordInput, meta: RequestMeta): Promise<AuthResponse> {
    const current = await this.users.findPasswordHash(principal.tenantId, principal.userId);
    if (!(await this.passwords.verify(input.currentPassword, current))) throw new WrongCurrentPasswordError();
    await this.users.update(principal.tenantId, principal.userId, {
      passwordHash: await this.passwords.hash(input.newPassword),
      bumpTokenVersion: true,
    });
    await this.auditLogs.recordBy(principal, meta, 'auth.password_changed', {
      target: { type: 'user', id: principal.userId },
    });
    const found = await this.users.findForAuthAcrossTenants(principal.userId);
    if (!found) throw new AuthenticationRequiredError();
    return { access_token: await this.tokens.issue(found.user), user: toUserDto(found.user) };
  }
}
