import { Injectable } from '@nestjs/common';
import {
  type AnalyticsAgentDto,
  type AnalyticsCampaignDto,
  type AnalyticsDayDto,
  type AnalyticsNumberDto,
  type AnalyticsSummaryDto,
  type AnalyticsTemplateDto,
  type PlatformAnalyticsDto,
} from '@aerostic/shared';
import { int, text, textOrNull } from '../database/columns';
import { Sql } from '../database/sql';
import { decodeMessageSums, MESSAGE_SUMS, num, percentileColumn, percentiles } from './analytics.row';

/** A tenant's days, `YYYY-MM-DD` in its time zone, both inclusive. */
export interface DayRange {
  tenantId: string;
  from: string;
  to: string;
}

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;
const IN_RANGE = `tenant_id = $1 AND day BETWEEN $2::date AND $3::date`;
/** How many templates the templates report lists, the most sent first. */
const TOP_TEMPLATES = 100;

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * Analytics' reads: message figures from `message_stats` (the daily rollups and the deltas not folded yet), conversation figures from `conversation_facts`
 * (both a day per row, in the tenant's time zone), campaign results from the campaigns' recipients. Writes nothing.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly sql: Sql) {}

  /** Lets this transaction's sorts (a range's percentiles) stay in memory rather than spill to disk. */
  async sortInMemory(): Promise<void> {
    await this.sql.execute(`SET LOCAL work_mem = '32MB'`, []);
  }

  async summary(range: DayRange): Promise<AnalyticsSummaryDto> {
    const params = [range.tenantId, range.from, range.to];
    const [messages, conversations] = await Promise.all([
      this.sql.query(`SELECT ${MESSAGE_SUMS} FROM message_stats WHERE ${IN_RANGE}`, params, decodeMessageSums),
      // One index range per kind: counting openings reads no first responses, each percentile sorts its own kind.
      this.sql.query(
        `SELECT (SELECT count(*)::int FROM conversation_facts WHERE ${IN_RANGE} AND kind = 'opened') AS opened,
           r.resolved, r.resolution, f.first_response
         FROM (SELECT count(*)::int AS resolved, ${percentileColumn('resolution', 'true')}
               FROM conversation_facts WHERE ${IN_RANGE} AND kind = 'resolved') r,
              (SELECT ${percentileColumn('first_response', 'true')}
               FROM conversation_facts WHERE ${IN_RANGE} AND kind = 'first_response') f`,
        params,
        (row) => ({
          conversationsOpened: int(row, 'opened'),
          conversationsResolved: int(row, 'resolved'),
          firstResponseSeconds: percentiles(row, 'first_response'),
          resolutionSeconds: percentiles(row, 'resolution'),
        }),
      ),
    ]);
    const { metaCostMicros: _cost, ...sums } = messages[0]!;
    return { ...sums, ...conversations[0]! };
  }

  daily(range: DayRange): Promise<AnalyticsDayDto[]> {
    return this.sql.query(
      `WITH m AS (
         SELECT day, ${MESSAGE_SUMS} FROM message_stats WHERE ${IN_RANGE} GROUP BY day
       ), o AS (
         SELECT day, count(*)::int AS n FROM conversation_facts WHERE ${IN_RANGE} AND kind = 'opened' GROUP BY day
       ), r AS (
         SELECT day, count(*)::int AS n FROM conversation_facts WHERE ${IN_RANGE} AND kind = 'resolved' GROUP BY day
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS date, COALESCE(m.messages_in, 0) AS messages_in,
         COALESCE(m.messages_out, 0) AS messages_out, COALESCE(m.delivered, 0) AS delivered,
         COALESCE(m.read, 0) AS read, COALESCE(m.failed, 0) AS failed,
         COALESCE(m.meta_cost_micros, 0) AS meta_cost_micros,
         COALESCE(o.n, 0) AS opened, COALESCE(r.n, 0) AS resolved
       FROM generate_series($2::date, $3::date, interval '1 day') AS g(day)
       CROSS JOIN LATERAL (SELECT g.day::date AS day) d
       LEFT JOIN m ON m.day = d.day LEFT JOIN o ON o.day = d.day LEFT JOIN r ON r.day = d.day
       ORDER BY d.day`,
      [range.tenantId, range.from, range.to],
      (row) => {
        const { messagesIn, messagesOut, delivered, read, failed, metaCostMicros } = decodeMessageSums(row);
        return {
          date: text(row, 'date'),
          messagesIn,
          messagesOut,
          delivered,
          read,
          failed,
          conversationsOpened: int(row, 'opened'),
          conversationsResolved: int(row, 'resolved'),
          metaCostMicros,
        };
      },
    );
  }

  /**
   * Agents with a reply, a first response or a resolution in the range; the most replies first. `conversations`
   * counts episodes the agent replied in: a reopened conversation counts again, as it does in `conversationsOpened`.
   */
  agents(range: DayRange): Promise<AnalyticsAgentDto[]> {
    return this.sql.query(
      // One index range per kind: counts by hashing, percentiles sorting only first responses.
      `WITH c AS (
         SELECT agent_id, count(*)::int AS conversations FROM conversation_facts
         WHERE ${IN_RANGE} AND kind = 'replied' AND agent_id <> ${NIL} GROUP BY agent_id
       ), d AS (
         SELECT agent_id, count(*)::int AS resolved FROM conversation_facts
         WHERE ${IN_RANGE} AND kind = 'resolved' AND agent_id <> ${NIL} GROUP BY agent_id
       ), p AS (
         SELECT agent_id, ${percentileColumn('first_response', 'true')}
         FROM conversation_facts
         WHERE ${IN_RANGE} AND kind = 'first_response' AND agent_id <> ${NIL}
         GROUP BY agent_id
       ), r AS (
         SELECT agent_id, sum(messages)::float8 AS replies FROM message_stats
         WHERE ${IN_RANGE} AND direction = 'outbound' AND automated_by = '' AND agent_id <> ${NIL}
         GROUP BY agent_id
       )
       SELECT a.agent_id, COALESCE(u.name, 'Former member') AS name, COALESCE(c.conversations, 0) AS conversations,
         COALESCE(r.replies, 0) AS replies, COALESCE(d.resolved, 0) AS resolved, p.first_response
       FROM (SELECT agent_id FROM c UNION SELECT agent_id FROM d UNION SELECT agent_id FROM p
             UNION SELECT agent_id FROM r) a
       LEFT JOIN c ON c.agent_id = a.agent_id LEFT JOIN d ON d.agent_id = a.agent_id
       LEFT JOIN p ON p.agent_id = a.agent_id
       LEFT JOIN r ON r.agent_id = a.agent_id
       LEFT JOIN users u ON u.id = a.agent_id AND u.tenant_id = $1
       ORDER BY replies DESC, conversations DESC, name, a.agent_id`,
      [range.tenantId, range.from, range.to],
      (row) => ({
        userId: text(row, 'agent_id'),
        name: text(row, 'name'),
        conversations: int(row, 'conversations'),
        replies: num(row, 'replies'),
        firstResponseSeconds: percentiles(row, 'first_response'),
        resolved: int(row, 'resolved'),
      }),
    );
  }

  /** Numbers with traffic in the range, the busiest first. */
  numbers(range: DayRange): Promise<AnalyticsNumberDto[]> {
    return this.sql.query(
      `SELECT m.*, w.display_phone_number FROM (
         SELECT whatsapp_account_id, ${MESSAGE_SUMS} FROM message_stats WHERE ${IN_RANGE}
         GROUP BY whatsapp_account_id
       ) m LEFT JOIN whatsapp_accounts w ON w.id = m.whatsapp_account_id AND w.tenant_id = $1
       ORDER BY m.messages_in + m.messages_out DESC, m.whatsapp_account_id`,
      [range.tenantId, range.from, range.to],
      (row) => ({
        whatsappAccountId: text(row, 'whatsapp_account_id'),
        displayPhoneNumber: textOrNull(row, 'display_phone_number'),
        ...decodeMessageSums(row),
      }),
    );
  }

  /** Templates sent in the range, the most sent first (a template's latest category when Meta changed it). */
  templates(range: DayRange): Promise<AnalyticsTemplateDto[]> {
    return this.sql.query(
      `SELECT template_name, template_language, max(NULLIF(template_category, '')) AS category,
         sum(messages)::float8 AS sent, sum(delivered)::float8 AS delivered, sum(read)::float8 AS read,
         sum(replied)::float8 AS replied
       FROM message_stats
       WHERE ${IN_RANGE} AND direction = 'outbound' AND template_name <> ''
       GROUP BY template_name, template_language
       ORDER BY sent DESC, template_name, template_language
       LIMIT ${TOP_TEMPLATES}`,
      [range.tenantId, range.from, range.to],
      (row) => {
        const sent = num(row, 'sent');
        const read = num(row, 'read');
        const replied = num(row, 'replied');
        return {
          name: text(row, 'template_name'),
          language: text(row, 'template_language'),
          category: textOrNull(row, 'category'),
          sent,
          delivered: num(row, 'delivered'),
          read,
          replied,
          readRate: rate(read, sent),
          replyRate: rate(replied, sent),
        };
      },
    );
  }

  /**
   * Campaigns started in the range (a day in the tenant's time zone), the latest first; each figure counts the
   * recipients whose message got at least that far (a read message was also sent and delivered).
   */
  campaigns(range: DayRange): Promise<AnalyticsCampaignDto[]> {
    return this.sql.query(
      `SELECT c.id, c.name, to_char(c.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
         count(r.id)::int AS recipients,
         count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'read'))::int AS sent,
         count(*) FILTER (WHERE m.status IN ('delivered', 'read'))::int AS delivered,
         count(*) FILTER (WHERE m.status = 'read')::int AS read,
         count(*) FILTER (WHERE r.replied_at IS NOT NULL)::int AS replied,
         count(*) FILTER (WHERE m.status = 'failed')::int AS failed
       FROM campaigns c JOIN tenants t ON t.id = c.tenant_id
       LEFT JOIN campaign_recipients r ON r.campaign_id = c.id
       LEFT JOIN messages m ON m.id = r.message_id
       WHERE c.tenant_id = $1 AND c.started_at IS NOT NULL
         AND (c.started_at AT TIME ZONE t.time_zone)::date BETWEEN $2::date AND $3::date
       GROUP BY c.id
       ORDER BY c.started_at DESC, c.id`,
      [range.tenantId, range.from, range.to],
      (row) => ({
        campaignId: text(row, 'id'),
        name: text(row, 'name'),
        startedAt: textOrNull(row, 'started_at'),
        recipients: int(row, 'recipients'),
        sent: int(row, 'sent'),
        delivered: int(row, 'delivered'),
        read: int(row, 'read'),
        replied: int(row, 'replied'),
        failed: int(row, 'failed'),
      }),
    );
  }

  /**
   * The Control Tower's figures. MRR counts subscriptions that pay (active, or past due and not yet canceled) at
   * their plan's monthly price in the subscription's currency; "this month" is the calendar month in UTC.
   */
  async platform(limit: number): Promise<PlatformAnalyticsDto> {
    const month = `day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date`;
    const [mrr, tenantsByPlan, topTenantsByVolume, topTenantsByMetaCost] = await Promise.all([
      this.sql.query(
        `WITH priced AS (
           SELECT s.currency, COALESCE((
             SELECT (price->>'monthlyMinor')::bigint FROM jsonb_array_elements(p.prices) price
             WHERE price->>'currency' = s.currency LIMIT 1), 0) AS monthly
           FROM subscriptions s JOIN plans p ON p.id = s.plan_id
           WHERE s.status IN ('active', 'past_due')
         )
         SELECT currency, sum(monthly)::float8 AS amount_minor FROM priced
         GROUP BY currency HAVING sum(monthly) > 0 ORDER BY amount_minor DESC, currency`,
        [],
        (row) => ({ currency: text(row, 'currency'), amountMinor: num(row, 'amount_minor') }),
      ),
      this.sql.query(
        `SELECT p.id, p.code, p.name, count(s.tenant_id)::int AS tenants
         FROM plans p LEFT JOIN subscriptions s ON s.plan_id = p.id AND s.status <> 'canceled'
         GROUP BY p.id ORDER BY p.sort_order, p.code`,
        [],
        (row) => ({
          planId: text(row, 'id'),
          code: text(row, 'code'),
          name: text(row, 'name'),
          tenants: int(row, 'tenants'),
        }),
      ),
      this.sql.query(
        `SELECT s.tenant_id, t.name, s.messages FROM (
           SELECT tenant_id, sum(messages)::float8 AS messages FROM message_stats WHERE ${month}
           GROUP BY tenant_id HAVING sum(messages) > 0 ORDER BY messages DESC, tenant_id LIMIT $1
         ) s JOIN tenants t ON t.id = s.tenant_id ORDER BY s.messages DESC, s.tenant_id`,
        [limit],
        (row) => ({ tenantId: text(row, 'tenant_id'), name: text(row, 'name'), messages: num(row, 'messages') }),
      ),
      this.sql.query(
        `SELECT s.tenant_id, t.name, s.cost FROM (
           SELECT tenant_id, sum(meta_cost_micros)::float8 AS cost FROM message_stats WHERE ${month}
           GROUP BY tenant_id HAVING sum(meta_cost_micros) > 0 ORDER BY cost DESC, tenant_id LIMIT $1
         ) s JOIN tenants t ON t.id = s.tenant_id ORDER BY s.cost DESC, s.tenant_id`,
        [limit],
        (row) => ({ tenantId: text(row, 'tenant_id'), name: text(row, 'name'), metaCostMicros: num(row, 'cost') }),
      ),
    ]);
    return { mrr, tenantsByPlan, topTenantsByVolume, topTenantsByMetaCost };
  }
}
