import { Injectable } from '@nestjs/common';
import { int, safeInt, text, textOrNull } from '../database/columns';
import { type Row, Sql } from '../database/sql';

/** The sums of one group of rollup rows. */
export interface StatsSums {
  messages: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  billable: number;
  metaCostMicros: number;
  aiPromptTokens: number;
  aiCompletionTokens: number;
}

/** A tenant's rollups of one day summed by the dimensions usage reports. */
export interface StatsGroup extends StatsSums {
  day: string;
  whatsappAccountId: string;
  direction: 'inbound' | 'outbound';
  messageType: string;
  templateCategory: string;
  pricingCategory: string;
  automatedBy: string;
}

/** A tenant's clock: its time zone and today's date there. */
export interface TenantDay {
  timeZone: string;
  today: string;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The folder and the rebuild take this lock: the deltas of a day are moved by one of them at a time. */
const FOLD_LOCK = `SELECT pg_advisory_xact_lock(hashtext('message_stats:fold'))`;

const SUMS = `sum(messages)::bigint AS messages, sum(delivered)::bigint AS delivered, sum(read)::bigint AS read,
  sum(failed)::bigint AS failed, sum(replied)::bigint AS replied, sum(billable)::bigint AS billable,
  sum(meta_cost_micros)::bigint AS meta_cost_micros, sum(ai_prompt_tokens)::bigint AS ai_prompt_tokens,
  sum(ai_completion_tokens)::bigint AS ai_completion_tokens`;

const KEY = `tenant_id, day, whatsapp_account_id, direction, message_type, template_name, template_language,
  template_category, pricing_category, agent_id, automated_by`;

function decodeSums(row: Row): StatsSums {
  return {
    messages: safeInt(row, 'messages'),
    delivered: safeInt(row, 'delivered'),
    read: safeInt(row, 'read'),
    failed: safeInt(row, 'failed'),
    replied: safeInt(row, 'replied'),
    billable: safeInt(row, 'billable'),
    metaCostMicros: safeInt(row, 'meta_cost_micros'),
    aiPromptTokens: safeInt(row, 'ai_prompt_tokens'),
    aiCompletionTokens: safeInt(row, 'ai_completion_tokens'),
  };
}

/**
 * The only writer of `message_stats_daily`, `message_stats_deltas` and `message_stats_replies` (the triggers of
 * migration UsageCounting append the deltas). Reads go through the `message_stats` view: folded rows plus the deltas
 * not folded yet, summed, so that every committed message is counted (docs/adr/0127).
 */
@Injectable()
export class UsageStatsRepository {
  constructor(private readonly sql: Sql) {}

  async tenantDay(tenantId: string): Promise<TenantDay | null> {
    const [found] = await this.sql.query(
      `SELECT time_zone, to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today FROM tenants WHERE id = $1`,
      [tenantId],
      (row) => ({ timeZone: text(row, 'time_zone'), today: text(row, 'today') }),
    );
    return found ?? null;
  }

  /** The tenant's rollups of days [from, to], summed by the dimensions usage reports. */
  groups(tenantId: string, from: string, to: string): Promise<StatsGroup[]> {
    return this.sql.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, whatsapp_account_id, direction, message_type, template_category,
         pricing_category, automated_by, ${SUMS}
       FROM message_stats WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date
       GROUP BY day, whatsapp_account_id, direction, message_type, template_category, pricing_category, automated_by`,
      [tenantId, from, to],
      (row) => ({
        ...decodeSums(row),
        day: text(row, 'day'),
        whatsappAccountId: text(row, 'whatsapp_account_id'),
        direction: text(row, 'direction') === 'inbound' ? 'inbound' : 'outbound',
        messageType: text(row, 'message_type'),
        templateCategory: text(row, 'template_category'),
        pricingCategory: text(row, 'pricing_category'),
        automatedBy: text(row, 'automated_by'),
      }),
    );
  }

  /** The agents who sent at least one message on each day of [from, to] (days without any left out). */
  agentsByDay(tenantId: string, from: string, to: string): Promise<{ day: string; agentId: string }[]> {
    return this.sql.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, agent_id FROM message_stats
       WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date AND direction = 'outbound' AND agent_id <> $4
       GROUP BY day, agent_id HAVING sum(messages) > 0`,
      [tenantId, from, to, NIL_UUID],
      (row) => ({ day: text(row, 'day'), agentId: text(row, 'agent_id') }),
    );
  }

  /** Outbound messages and estimated Meta cost since `from` (the first day of the tenant's month). */
  async monthToDate(
    tenantId: string,
    from: string,
  ): Promise<{ outbound: number; aiReplies: number; metaCostMicros: number }> {
    const [sums] = await this.sql.query(
      `SELECT COALESCE(sum(messages) FILTER (WHERE direction = 'outbound'), 0)::bigint AS outbound,
         COALESCE(sum(messages) FILTER (WHERE direction = 'outbound' AND automated_by = 'ai'), 0)::bigint AS ai_replies,
         COALESCE(sum(meta_cost_micros), 0)::bigint AS meta_cost_micros
       FROM message_stats WHERE tenant_id = $1 AND day >= $2::date`,
      [tenantId, from],
      (row) => ({
        outbound: safeInt(row, 'outbound'),
        aiReplies: safeInt(row, 'ai_replies'),
        metaCostMicros: safeInt(row, 'meta_cost_micros'),
      }),
    );
    return sums ?? { outbound: 0, aiReplies: 0, metaCostMicros: 0 };
  }

  /**
   * Outbound messages since `from`, and the AI's replies among them: what the monthly limits count, under the
   * tenant's lock at every send. Outbound rows only, so that the deltas of inbound traffic are not read
   * (message_stats_deltas_outbound_idx).
   */
  async outboundSince(tenantId: string, from: string): Promise<{ outbound: number; aiReplies: number }> {
    const [sums] = await this.sql.query(
      `SELECT COALESCE(sum(messages), 0)::bigint AS outbound,
         COALESCE(sum(messages) FILTER (WHERE automated_by = 'ai'), 0)::bigint AS ai_replies
       FROM message_stats WHERE tenant_id = $1 AND day >= $2::date AND direction = 'outbound'`,
      [tenantId, from],
      (row) => ({ outbound: safeInt(row, 'outbound'), aiReplies: safeInt(row, 'ai_replies') }),
    );
    return sums ?? { outbound: 0, aiReplies: 0 };
  }

  /** The numbers' display phone numbers, by id. */
  async numberNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.query(
      `SELECT id, display_phone_number FROM whatsapp_accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
      (row) => [text(row, 'id'), textOrNull(row, 'display_phone_number')] as const,
    );
    return new Map(rows);
  }

  /**
   * Moves up to `limit` of the oldest deltas into the daily rows, in one statement (inside the caller's transaction);
   * answers how many. Deltas of a deleted tenant are dropped. Rows are written in key order, so two folds never
   * wait on each other in a circle.
   */
  async fold(limit: number): Promise<number> {
    await this.sql.execute(FOLD_LOCK, []);
    const [moved] = await this.sql.query(
      `WITH moved AS (
         DELETE FROM message_stats_deltas WHERE id IN (SELECT id FROM message_stats_deltas ORDER BY id LIMIT $1)
         RETURNING *
       ),
       upserted AS (
         INSERT INTO message_stats_daily (${KEY}, messages, delivered, read, failed, replied, billable,
           meta_cost_micros, ai_prompt_tokens, ai_completion_tokens)
         SELECT ${KEY}, ${SUMS.replace(/ AS \w+/g, '')} FROM moved
         WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = moved.tenant_id)
         GROUP BY ${KEY} ORDER BY ${KEY}
         ON CONFLICT (${KEY}) DO UPDATE SET
           messages = message_stats_daily.messages + EXCLUDED.messages,
           delivered = message_stats_daily.delivered + EXCLUDED.delivered,
           read = message_stats_daily.read + EXCLUDED.read,
           failed = message_stats_daily.failed + EXCLUDED.failed,
           replied = message_stats_daily.replied + EXCLUDED.replied,
           billable = message_stats_daily.billable + EXCLUDED.billable,
           meta_cost_micros = message_stats_daily.meta_cost_micros + EXCLUDED.meta_cost_micros,
           ai_prompt_tokens = message_stats_daily.ai_prompt_tokens + EXCLUDED.ai_prompt_tokens,
           ai_completion_tokens = message_stats_daily.ai_completion_tokens + EXCLUDED.ai_completion_tokens
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM moved)::int AS moved`,
      [limit],
      (row) => int(row, 'moved'),
    );
    return moved ?? 0;
  }

  /** Recomputes a tenant's day from `messages` (inside the caller's transaction; see message_stats_rebuild_day). */
  async rebuildDay(tenantId: string, day: string): Promise<void> {
    await this.sql.execute(FOLD_LOCK, []);
    await this.sql.execute(`SELECT message_stats_rebuild_day($1::uuid, $2::date)`, [tenantId, day]);
  }

  /** Every tenant's id, for a rebuild of all. */
  allTenantIds(): Promise<string[]> {
    return this.sql.query(`SELECT id FROM tenants ORDER BY id`, [], (row) => text(row, 'id'));
  }
}
