import { Injectable } from '@nestjs/common';
import { int, text } from '../../database/columns';
import { type KeysetPosition } from '../../common/pagination/keyset';
import { Sql } from '../../database/sql';
import { decodeTeam, type Team } from './team.row';

const SELECT_TEAMS = `
  SELECT t.id, t.tenant_id, t.name, t.created_at,
    COALESCE((SELECT array_agg(m.user_id::text ORDER BY m.user_id) FROM team_members m WHERE m.team_id = t.id),
      '{}') AS member_ids
  FROM teams t`;

/** The only writer of `teams` and `team_members`. */
@Injectable()
export class TeamRepository {
  constructor(private readonly sql: Sql) {}

  async findById(tenantId: string, id: string): Promise<Team | null> {
    const [team] = await this.sql.query(
      `${SELECT_TEAMS} WHERE t.tenant_id = $1 AND t.id = $2`,
      [tenantId, id],
      decodeTeam,
    );
    return team ?? null;
  }

  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<Team[]> {
    return this.sql.query(
      `${SELECT_TEAMS} WHERE t.tenant_id = $1 AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2, $3::uuid))
       ORDER BY t.created_at, t.id LIMIT $4`,
      [tenantId, after?.createdAt ?? null, after?.id ?? null, take],
      decodeTeam,
    );
  }

  /** Throws a unique violation when the tenant has a team of that name (any case). */
  async create(tenantId: string, name: string): Promise<string> {
    const [id] = await this.sql.query(
      `INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id`,
      [tenantId, name],
      (row) => text(row, 'id'),
    );
    return id!;
  }

  async rename(tenantId: string, id: string, name: string): Promise<void> {
    await this.sql.execute(`UPDATE teams SET name = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
      name,
    ]);
  }

  /** How many of `userIds` are active members of the tenant. */
  async countActiveMembers(tenantId: string, userIds: readonly string[]): Promise<number> {
    const [n] = await this.sql.query(
      `SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'`,
      [tenantId, userIds],
      (row) => int(row, 'n'),
    );
    return n ?? 0;
  }

  /** Makes the team's members exactly `userIds` (already checked to be the tenant's). */
  async setMembers(tenantId: string, id: string, userIds: readonly string[]): Promise<void> {
    await this.sql.execute(
      `DELETE FROM team_members WHERE tenant_id = $1 AND team_id = $2 AND NOT (user_id = ANY($3::uuid[]))`,
      [tenantId, id, userIds],
    );
    await this.sql.execute(
      `INSERT INTO team_members (team_id, user_id, tenant_id)
       SELECT $2, u, $1 FROM unnest($3::uuid[]) AS u ORDER BY u
       ON CONFLICT DO NOTHING`,
      [tenantId, id, userIds],
    );
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.sql.execute(`DELETE FROM teams WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) > 0;
  }
}
