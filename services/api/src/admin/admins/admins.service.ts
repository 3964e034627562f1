import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AdminInvitationDto,
  type CreateAdminInvitationInput,
  type CreatedAdminInvitationDto,
  INVITATION_TTL_HOURS,
  type PlatformAdminDto,
  type UpdatePlatformAdminInput,
  type UserStatus,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { NotFoundError } from '../../common/http/domain-error';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { Transactions } from '../../database/sql';
import { invitationUrl, newInvitationToken } from '../../users/invitation-token';
import { toInvitationDto } from '../../users/user.mapper';
import { AdminEmailTakenError } from '../auth/admin-auth.errors';
import { AdminInvitationRepository } from '../auth/admin-invitation.repository';
import { toPlatformAdminDto } from '../auth/admin.mapper';
import { type AdminPrincipal } from '../auth/admin-principal';
import { type AdminAccount, PlatformAdminRepository } from '../auth/platform-admin.repository';
import { CannotDeactivateSelfError, LastSuperAdminError } from './admins.errors';

/** Super admins manage the platform's admins: invitations, roles and deactivation; the platform keeps one. */
@Injectable()
export class AdminsService {
  private readonly logger = new Logger(AdminsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly admins: PlatformAdminRepository,
    private readonly invitations: AdminInvitationRepository,
    private readonly auditLogs: AuditLogsService,
  ) {}

  async list(): Promise<PlatformAdminDto[]> {
    return (await this.admins.list()).map(toPlatformAdminDto);
  }

  async listInvitations(): Promise<AdminInvitationDto[]> {
    return (await this.invitations.listPending()).map(toInvitationDto);
  }

  async invite(
    principal: AdminPrincipal,
    input: CreateAdminInvitationInput,
    meta: RequestMeta,
  ): Promise<CreatedAdminInvitationDto> {
    const { token, tokenHash } = newInvitationToken();
    const invitation = await this.transactions.run(async () => {
      if (await this.admins.emailExists(input.email)) throw new AdminEmailTakenError();
      // A new invitation replaces any pending one for the same address, so only the newest link works.
      await this.invitations.revokePendingForEmail(input.email);
      const created = await this.invitations.create({
        email: input.email,
        role: input.role,
        tokenHash,
        invitedByAdminId: principal.adminId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3600_000),
      });
      await this.auditLogs.recordByAdmin(principal, meta, 'admin.invited', {
        target: { type: 'admin_invitation', id: created.id },
        metadata: { email: input.email, role: input.role },
      });
      return created;
    });
    // The link is a credential: only the inviting admin gets it, never the log (docs/adr/0101).
    this.logger.log({ invitationId: invitation.id }, 'Admin invitation created');
    return { ...toInvitationDto(invitation), invitationUrl: invitationUrl(this.config.ADMIN_URL, token) };
  }

  async revokeInvitation(principal: AdminPrincipal, id: string, meta: RequestMeta): Promise<void> {
    const invitation = await this.invitations.findPendingById(id);
    if (!invitation) throw new NotFoundError('Invitation');
    await this.invitations.markRevoked(id);
    await this.auditLogs.recordByAdmin(principal, meta, 'admin.invitation_revoked', {
      target: { type: 'admin_invitation', id },
      metadata: { email: invitation.email },
    });
  }

  /**
   * A role change or a deactivation ends every session of that admin at once (its token version moves on). The
   * platform always keeps an active super admin, checked under a lock that serialises these changes.
   */
  async update(
    principal: AdminPrincipal,
    id: string,
    input: UpdatePlatformAdminInput,
    meta: RequestMeta,
  ): Promise<PlatformAdminDto> {
    const updated = await this.transactions.run(async () => {
      await this.admins.lockRoleChanges();
      const admin = await this.admins.findById(id);
      if (!admin) throw new NotFoundError('Admin');
      if (input.active === false && admin.id === principal.adminId) throw new CannotDeactivateSelfError();

      const role = input.role ?? admin.role;
      const status: UserStatus = input.active === undefined ? admin.status : input.active ? 'active' : 'deactivated';
      const losesSuperAdmin =
        admin.role === 'super_admin' && admin.status === 'active' && (role !== 'super_admin' || status !== 'active');
      if (losesSuperAdmin && (await this.admins.countActiveSuperAdmins()) <= 1) throw new LastSuperAdminError();

      const roleChanged = role !== admin.role;
      const deactivated = status === 'deactivated' && admin.status === 'active';
      await this.admins.update(id, { role, status, bumpTokenVersion: roleChanged || deactivated });
      await this.recordChanges(principal, meta, admin, { role, status }, input.reason);
      return { ...admin, role, status };
    });
    return toPlatformAdminDto(updated);
  }

  private async recordChanges(
    principal: AdminPrincipal,
    meta: RequestMeta,
    before: AdminAccount,
    after: Pick<AdminAccount, 'role' | 'status'>,
    reason: string | undefined,
  ): Promise<void> {
    const details = { target: { type: 'platform_admin', id: before.id }, reason };
    if (after.role !== before.role) {
      await this.auditLogs.recordByAdmin(principal, meta, 'admin.role_changed', {
        ...details,
        metadata: { email: before.email, from: before.role, to: after.role },
      });
    }
    if (after.status !== before.status) {
      const action = after.status === 'deactivated' ? 'admin.deactivated' : 'admin.reactivated';
      await this.auditLogs.recordByAdmin(principal, meta, action, { ...details, metadata: { email: before.email } });
    }
  }
}
