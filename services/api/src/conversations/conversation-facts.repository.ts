import { Injectable } from '@nestjs/common';
import { int } from '../database/columns';
import { Sql } from '../database/sql';

/** A day range (`YYYY-MM-DD`, inclusive, in each tenant's time zone) of one tenant, or of all when `tenantId` is null. */
export interface FactRange {
  tenantId: string | null;
  from: string;
  to: string;
}

/**
 * The rebuild of `conversation_facts` (docs/adr/0130), the only writer of that table besides the conversation
 * statements that write each fact as it happens.
 */
@Injectable()
export class ConversationFactsRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Recomputes the range's first responses and agents' first replies from the messages of each episode, and restores
   * its openings; resolutions are kept, as only their facts record when they happened (docs/adr/0130).
   */
  async rebuild(range: FactRange): Promise<number> {
    const params = [range.tenantId, range.from, range.to];
    const tenants = `SELECT id, time_zone FROM tenants WHERE $1::uuid IS NULL OR id = $1::uuid`;
    const dayOf = (column: string) => `(${column} AT TIME ZONE tz.time_zone)::date`;
    await this.sql.execute(
      `INSERT INTO conversation_facts (tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id)
       SELECT c.tenant_id, ${dayOf('c.opened_at')}, 'opened', c.id, c.opened_at, c.whatsapp_account_id
       FROM conversations c JOIN (${tenants}) tz ON tz.id = c.tenant_id
       WHERE c.opened_at IS NOT NULL AND ${dayOf('c.opened_at')} BETWEEN $2::date AND $3::date
       ON CONFLICT DO NOTHING`,
      params,
    );
    // An episode a later opening replaced is still known by its other facts (its resolution).
    await this.sql.execute(
      `INSERT INTO conversation_facts (tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id)
       SELECT DISTINCT f.tenant_id, ${dayOf('f.episode_at')}, 'opened', f.conversation_id, f.episode_at,
         f.whatsapp_account_id
       FROM conversation_facts f JOIN (${tenants}) tz ON tz.id = f.tenant_id
       WHERE f.kind <> 'opened' AND ${dayOf('f.episode_at')} BETWEEN $2::date AND $3::date
       ON CONFLICT DO NOTHING`,
      params,
    );
    await this.sql.execute(
      `DELETE FROM conversation_facts f USING (${tenants}) tz
       WHERE f.tenant_id = tz.id AND f.day BETWEEN $2::date AND $3::date AND f.kind IN ('first_response', 'replied')`,
      params,
    );
    await this.sql.execute(
      `WITH episode AS (
         SELECT o.tenant_id, tz.time_zone, o.conversation_id, o.episode_at, o.whatsapp_account_id,
           COALESCE(lead(o.episode_at) OVER (PARTITION BY o.conversation_id ORDER BY o.episode_at), 'infinity')
             AS ended_at
         FROM conversation_facts o JOIN (${tenants}) tz ON tz.id = o.tenant_id
         WHERE o.kind = 'opened'
       ), reply AS (
         SELECT e.*, m.sender_user_id, m.created_at,
           (SELECT min(i.created_at) FROM messages i WHERE i.conversation_id = e.conversation_id
              AND i.direction = 'inbound' AND i.created_at >= e.episode_at AND i.created_at < e.ended_at) AS inbound_at,
           row_number() OVER (PARTITION BY e.conversation_id, e.episode_at, m.sender_user_id ORDER BY m.created_at)
             AS nth_of_agent
         FROM episode e JOIN messages m ON m.conversation_id = e.conversation_id
           AND m.created_at >= e.episode_at AND m.created_at < e.ended_at
         WHERE m.direction = 'outbound' AND m.sender_user_id IS NOT NULL AND m.automated_by IS NULL
       ), answered AS (
         SELECT DISTINCT ON (conversation_id, episode_at) * FROM reply
         WHERE inbound_at IS NOT NULL AND created_at >= inbound_at
         ORDER BY conversation_id, episode_at, created_at
       ), fact AS (
         SELECT tenant_id, (created_at AT TIME ZONE time_zone)::date AS day, 'replied' AS kind, conversation_id,
           episode_at, whatsapp_account_id, sender_user_id AS agent_id, NULL::double precision AS seconds
         FROM reply WHERE nth_of_agent = 1
         UNION ALL
         SELECT tenant_id, (created_at AT TIME ZONE time_zone)::date, 'first_response', conversation_id, episode_at,
           whatsapp_account_id, sender_user_id, extract(epoch FROM created_at - inbound_at)
         FROM answered
       )
       INSERT INTO conversation_facts (tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id, agent_id,
         seconds)
       SELECT * FROM fact WHERE day BETWEEN $2::date AND $3::date
       ON CONFLICT DO NOTHING`,
      params,
    );
    const [count] = await this.sql.query(
      `SELECT count(*)::int AS n FROM conversation_facts f JOIN (${tenants}) tz ON tz.id = f.tenant_id
       WHERE f.day BETWEEN $2::date AND $3::date`,
      params,
      (row) => int(row, 'n'),
    );
    return count ?? 0;
  }
}
