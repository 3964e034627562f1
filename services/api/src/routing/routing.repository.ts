import { Injectable } from '@nestjs/common';
import { text } from '../database/columns';
import { Sql } from '../database/sql';
import { type Candidate, decodeCandidate, decodeWait, type QueueStrategy, type Wait } from './routing.row';

/**
 * The only writer of `routing_waits` (the queue of conversations waiting for someone) and `routing_turns` (whose turn
 * it is in round robin). Reads the members, teams and workloads routing decides on; assignments are written by
 * `conversations/`.
 */
@Injectable()
export class RoutingRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Serialises routing decisions of one tenant across API replicas until the transaction ends, so that two decisions
   * never both count the same free place in an agent's capacity. Other tenants' routing is not held up.
   */
  async lockTenant(tenantId: string): Promise<void> {
    await this.sql.execute(`SELECT pg_advisory_xact_lock(hashtextextended('routing:' || $1, 0))`, [tenantId]);
  }

  async teamExists(tenantId: string, teamId: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 AS found FROM teams WHERE tenant_id = $1 AND id = $2`,
      [tenantId, teamId],
      () => true,
    );
    return rows.length > 0;
  }

  /** Puts a conversation at the end of the queue, or changes what it waits for while keeping its place. */
  async enqueue(
    tenantId: string,
    conversationId: string,
    strategy: QueueStrategy,
    teamId: string | null,
  ): Promise<void> {
    await this.sql.execute(
      `INSERT INTO routing_waits (conversation_id, tenant_id, strategy, team_id, reason) VALUES ($1, $2, $3, $4, '')
       ON CONFLICT (conversation_id) DO UPDATE SET strategy = EXCLUDED.strategy, team_id = EXCLUDED.team_id`,
      [conversationId, tenantId, strategy, teamId],
    );
  }

  /** The tenant's waiting conversations in arrival order, with their state now. */
  waiting(tenantId: string, limit: number): Promise<Wait[]> {
    return this.sql.query(
      `SELECT w.conversation_id, w.strategy, w.team_id, w.reason, c.assignee_id, c.status
       FROM routing_waits w JOIN conversations c ON c.id = w.conversation_id
       WHERE w.tenant_id = $1 ORDER BY w.arrival LIMIT $2`,
      [tenantId, limit],
      decodeWait,
    );
  }

  async setReason(conversationId: string, reason: string): Promise<void> {
    await this.sql.execute(`UPDATE routing_waits SET reason = $2 WHERE conversation_id = $1`, [conversationId, reason]);
  }

  async reasonOf(tenantId: string, conversationId: string): Promise<string | null> {
    const [reason] = await this.sql.query(
      `SELECT reason FROM routing_waits WHERE tenant_id = $1 AND conversation_id = $2`,
      [tenantId, conversationId],
      (row) => text(row, 'reason'),
    );
    return reason ?? null;
  }

  async dequeue(tenantId: string, conversationId: string): Promise<void> {
    await this.sql.execute(`DELETE FROM routing_waits WHERE tenant_id = $1 AND conversation_id = $2`, [
      tenantId,
      conversationId,
    ]);
  }

  /** Tenants with conversations waiting, for the periodic sweep. */
  tenantsWaitingAcrossTenants(): Promise<string[]> {
    return this.sql.query(`SELECT DISTINCT tenant_id FROM routing_waits`, [], (row) => text(row, 'tenant_id'));
  }

  /**
   * Of `connectedUserIds`, the active members who chose to be online, with their capacity, open conversations, turn
   * and teams. One statement; each member's open count reads the partial index of open conversations by assignee.
   */
  candidates(tenantId: string, connectedUserIds: readonly string[]): Promise<Candidate[]> {
    if (connectedUserIds.length === 0) return Promise.resolve([]);
    return this.sql.query(
      `SELECT u.id, u.capacity, u.created_at, t.turn::float8 AS turn,
         (SELECT count(*) FROM conversations c
          WHERE c.assignee_id = u.id AND c.status = 'open' AND c.tenant_id = $1)::int AS open,
         COALESCE((SELECT array_agg(m.team_id::text) FROM team_members m WHERE m.user_id = u.id), '{}') AS team_ids
       FROM users u LEFT JOIN routing_turns t ON t.user_id = u.id
       WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[]) AND u.status = 'active' AND u.presence_status = 'online'`,
      [tenantId, connectedUserIds],
      decodeCandidate,
    );
  }

  /** The member was just given a conversation: the end of the round-robin order. Answers their new turn. */
  async recordTurn(tenantId: string, userId: string): Promise<number> {
    const [turn] = await this.sql.query(
      `INSERT INTO routing_turns (user_id, tenant_id) VALUES ($2, $1)
       ON CONFLICT (user_id) DO UPDATE SET turn = nextval('routing_turn_seq'), assigned_at = now()
       RETURNING turn::float8 AS turn`,
      [tenantId, userId],
      (row) => Number(row.turn),
    );
    return turn ?? 0;
  }
}
