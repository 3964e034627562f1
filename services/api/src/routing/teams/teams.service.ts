import { Injectable } from '@nestjs/common';
import { type Page, type PageQuery, type TeamBody, type TeamDto, type UpdateTeamBody } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { NotFoundError } from '../../common/http/domain-error';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../../common/pagination/keyset';
import { type Principal } from '../../common/tenant-context/principal';
import { isUniqueViolation } from '../../database/unique-violation';
import { Transactions } from '../../database/sql';
import { RoutingSignals } from '../signals/routing-signals';
import { toTeamDto } from './team.mapper';
import { TeamRepository } from './team.repository';
import { TeamMembersNotFoundError, TeamNameTakenError } from './teams.errors';

/** Teams of members: a routing target and an inbox filter. Admins manage them; every member reads them. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly teams: TeamRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly routingSignals: RoutingSignals,
  ) {}

  async list(principal: Principal, query: PageQuery): Promise<Page<TeamDto>> {
    const rows = await this.teams.listPage(principal.tenantId, decodeCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toTeamDto);
  }

  async findOne(principal: Principal, id: string): Promise<TeamDto> {
    const team = await this.teams.findById(principal.tenantId, id);
    if (!team) throw new NotFoundError('Team');
    return toTeamDto(team);
  }

  async create(principal: Principal, input: TeamBody, meta: RequestMeta): Promise<TeamDto> {
    const id = await this.write(async () => {
      const created = await this.teams.create(principal.tenantId, input.name);
      await this.setMembers(principal.tenantId, created, input.memberIds);
      await this.auditLogs.recordBy(principal, meta, 'team.created', {
        target: { type: 'team', id: created },
        metadata: { name: input.name, memberIds: input.memberIds },
      });
      return created;
    });
    this.routingSignals.capacityMayHaveFreed(principal.tenantId);
    return this.findOne(principal, id);
  }

  async update(principal: Principal, id: string, input: UpdateTeamBody, meta: RequestMeta): Promise<TeamDto> {
    await this.write(async () => {
      const team = await this.teams.findById(principal.tenantId, id);
      if (!team) throw new NotFoundError('Team');
      if (input.name !== undefined && input.name !== team.name)
        await this.teams.rename(principal.tenantId, id, input.name);
      if (input.memberIds !== undefined) await this.setMembers(principal.tenantId, id, input.memberIds);
      await this.auditLogs.recordBy(principal, meta, 'team.updated', {
        target: { type: 'team', id },
        metadata: { ...input },
      });
    });
    // A new member may take the team's waiting conversations.
    if (input.memberIds !== undefined) this.routingSignals.capacityMayHaveFreed(principal.tenantId);
    return this.findOne(principal, id);
  }

  /** Its conversations and waiting conversations stay, without a team. */
  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    await this.transactions.run(async () => {
      const team = await this.teams.findById(principal.tenantId, id);
      if (!team || !(await this.teams.delete(principal.tenantId, id))) throw new NotFoundError('Team');
      await this.auditLogs.recordBy(principal, meta, 'team.deleted', {
        target: { type: 'team', id },
        metadata: { name: team.name },
      });
    });
    // Conversations that waited for this team now wait for anyone.
    this.routingSignals.capacityMayHaveFreed(principal.tenantId);
  }

  private async setMembers(tenantId: string, id: string, memberIds: readonly string[]): Promise<void> {
    const unique = [...new Set(memberIds)];
    if ((await this.teams.countActiveMembers(tenantId, unique)) !== unique.length) throw new TeamMembersNotFoundError();
    await this.teams.setMembers(tenantId, id, unique);
  }

  private async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (err) {
      throw isUniqueViolation(err) ? new TeamNameTakenError() : err;
    }
  }
}
