import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type CreatedInvitationDto,
  type CreateInvitationInput,
  INVITATION_TTL_HOURS,
  type InvitationDto,
  type Page,
  type PageQuery,
  type PresenceDto,
  type SetPresenceBody,
  type TeamMemberDto,
  type UpdateUserInput,
  type UserDto,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { Transactions } from '../database/sql';
import { LimitsService } from '../limits/limits.service';
import { PresenceService, presenceOf } from '../routing/presence/presence.service';
import { RoutingSignals } from '../routing/signals/routing-signals';
import { TenantsService } from '../tenants/tenants.service';
import { MailService } from '../mail/mail.service';
import { invitationMail } from '../mail/mail-templates';
import { invitationUrl, newInvitationToken } from './invitation-token';
import { InvitationRepository } from './invitation.repository';
import { LocalSessionChanges } from './local-session-changes';
import { toInvitationDto, toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';
import { CannotDeactivateSelfError, EmailAlreadyMemberError, LastAdminError } from './users.errors';
import { TenantScope } from '../database/tenant-scope';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly tenants: TenantsService,
    private readonly conversations: ConversationsService,
    private readonly sessionChanges: LocalSessionChanges,
    private readonly limits: LimitsService,
    private readonly presence: PresenceService,
    private readonly routingSignals: RoutingSignals,
    private readonly mail: MailService,
  ) {}

  async list(principal: Principal, query: PageQuery): Promise<Page<TeamMemberDto>> {
    const rows = await this.users.listPage(principal.tenantId, decodeCursor(query.cursor), query.limit + 1);
    const [open, connected] = await Promise.all([
      this.conversations.countOpenByAssignee(
        principal.tenantId,
        rows.slice(0, query.limit).map((u) => u.id),
      ),
      this.presence.connectedUserIds(principal.tenantId),
    ]);
    return toPage(rows, query.limit, (u) => ({
      ...toUserDto(u),
      openConversationCount: open.get(u.id) ?? 0,
      presence: presenceOf(connected.has(u.id), u.presenceStatus),
    }));
  }

  /** The caller's own presence: what they chose, and whether a dashboard of theirs is connected. */
  async getPresence(principal: Principal): Promise<PresenceDto> {
    const user = await this.users.findById(principal.tenantId, principal.userId);
    if (!user) throw new NotFoundError('User');
    const connected = await this.presence.isConnected(principal.tenantId, principal.userId);
    return { userId: user.id, presence: presenceOf(connected, user.presenceStatus), status: user.presenceStatus };
  }

  /** Online or away, by the member themselves; away keeps routing from them (docs/adr/0122). */
  async setPresence(principal: Principal, input: SetPresenceBody): Promise<PresenceDto> {
    const user = await this.users.findById(principal.tenantId, principal.userId);
    if (!user) throw new NotFoundError('User');
    await this.users.update(principal.tenantId, user.id, { presenceStatus: input.status });
    const dto = await this.presence.statusChosen(principal.tenantId, user.id, user.presenceStatus, input.status);
    if (dto.presence === 'online' && user.presenceStatus !== 'online')
      this.routingSignals.capacityMayHaveFreed(principal.tenantId);
    return dto;
  }

  /** Every member of a workspace, for the admin panel (which names the workspace itself). */
  async listForAdmin(tenantId: string): Promise<UserDto[]> {
    return (await this.users.listAll(tenantId)).map(toUserDto);
  }

  async findOne(principal: Principal, id: string): Promise<UserDto> {
    const user = await this.users.findById(principal.tenantId, id);
    if (!user) throw new NotFoundError('User');
    return toUserDto(user);
  }

  /** Role changes, (de)activation and capacity; a workspace always keeps an active admin. */
  async update(principal: Principal, id: string, input: UpdateUserInput, meta: RequestMeta): Promise<UserDto> {
    let capacityRaised = false;
    await this.transactions.run(async () => {
      const user = await this.users.findById(principal.tenantId, id);
      if (!user) throw new NotFoundError('User');
      if (input.active === false && user.id === principal.userId) throw new CannotDeactivateSelfError();

      const nextRole = input.role ?? user.role;
      const nextStatus = input.active === undefined ? user.status : input.active ? 'active' : 'deactivated';
      const losesAdmin =
        user.role === 'admin' && user.status === 'active' && (nextRole !== 'admin' || nextStatus !== 'active');
      if (losesAdmin) {
        // Locked, so that concurrent role changes cannot both remove "the other" admin.
        await this.tenants.lock(principal.tenantId);
        if ((await this.users.countActiveAdmins(principal.tenantId)) <= 1) throw new LastAdminError();
      }
      if (nextStatus === 'active' && user.status !== 'active') {
        // A reactivated member takes a seat again, like an invitation.
        await this.limits.assertWithin(principal.tenantId, 'agents', () => this.users.countSeats(principal.tenantId));
      }

      await this.users.update(
        principal.tenantId,
        id,
        // Deactivation revokes every token the user holds, at once.
        {
          role: nextRole,
          status: nextStatus,
          bumpTokenVersion: nextStatus === 'deactivated' && user.status === 'active',
          ...(input.capacity !== undefined && { capacity: input.capacity }),
        },
      );
      const base = {
        tenantId: principal.tenantId,
        actorUserId: principal.userId,
        ip: meta.ip,
        target: { type: 'user', id },
      };
      if (nextRole !== user.role) {
        await this.auditLogs.record({
          ...base,
          action: 'user.role_changed',
          metadata: { from: user.role, to: nextRole },
        });
      }
      if (nextStatus !== user.status) {
        const action = nextStatus === 'deactivated' ? 'user.deactivated' : 'user.reactivated';
        await this.auditLogs.record({ ...base, action });
      }
      if (input.capacity !== undefined && input.capacity !== user.capacity) {
        await this.auditLogs.record({
          ...base,
          action: 'user.capacity_changed',
          metadata: { from: user.capacity, to: input.capacity },
        });
        capacityRaised = input.capacity === null || (user.capacity !== null && input.capacity > user.capacity);
      }
    });
    this.sessionChanges.changed(id);
    if (capacityRaised) this.routingSignals.capacityMayHaveFreed(principal.tenantId);
    return this.findOne(principal, id);
  }

  async invite(principal: Principal, input: CreateInvitationInput, meta: RequestMeta): Promise<CreatedInvitationDto> {
    const { token, tokenHash } = newInvitationToken();
    // Emails are unique on the platform: checked on the sign-in path, before the tenant's transaction.
    const taken = await TenantScope.acrossTenants('sign-in', () => this.users.emailExistsAcrossTenants(input.email));
    if (taken) throw new EmailAlreadyMemberError();
    const invitation = await this.transactions.run(async () => {
      // A new invitation replaces any pending one for the same address, so only the newest link works.
      await this.invitations.revokePendingForEmail(principal.tenantId, input.email);
      // After the revocation, so that inviting the same address again never needs a seat more.
      await this.limits.assertWithin(principal.tenantId, 'agents', () => this.users.countSeats(principal.tenantId));
      const created = await this.invitations.create({
        tenantId: principal.tenantId,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedByUserId: principal.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3600_000),
      });
      await this.auditLogs.recordBy(principal, meta, 'invitation.created', {
        target: { type: 'invitation', id: created.id },
        metadata: { email: input.email, role: input.role },
      });
      return created;
    });
    // The link is a credential: only the invited address and the admin who invites get it, never the log.
    this.logger.log({ tenantId: principal.tenantId, invitationId: invitation.id }, 'Invitation created');
    const url = invitationUrl(this.config.APP_URL, token);
    const tenant = await this.tenants.findById(principal.tenantId);
    await this.mail.send(
      `invitation-${invitation.id}`,
      invitation.email,
      invitationMail({
        tenantName: tenant?.name ?? 'Aerostic',
        role: invitation.role,
        url,
        expiresAt: invitation.expiresAt,
      }),
    );
    return { ...toInvitationDto(invitation), invitationUrl: url };
  }

  async listInvitations(principal: Principal, query: PageQuery): Promise<Page<InvitationDto>> {
    const rows = await this.invitations.listPendingPage(
      principal.tenantId,
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toInvitationDto);
  }

  async revokeInvitation(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const invitation = await this.invitations.findPendingById(principal.tenantId, id);
    if (!invitation) throw new NotFoundError('Invitation');
    await this.invitations.markRevoked(principal.tenantId, id);
    await this.auditLogs.recordBy(principal, meta, 'invitation.revoked', {
      target: { type: 'invitation', id },
      metadata: { email: invitation.email },
    });
  }
}
