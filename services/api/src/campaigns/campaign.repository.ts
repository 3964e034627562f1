import { Injectable } from '@nestjs/common';
import {
  CAMPAIGN_CANCELLED_REASON,
  CAMPAIGN_RECIPIENT_STATES,
  CAMPAIGN_SKIP_REASONS,
  type CampaignAudience,
  type CampaignEstimate,
  type CampaignRecipientState,
  type CampaignSkipReason,
  type CampaignStatus,
  type CampaignVariables,
} from '@aerostic/shared';
import { type KeysetPosition } from '../common/pagination/keyset';
import { int, jsonObjectOrNull, oneOf, text, textArray, textOrNull, timestampOrNull } from '../database/columns';
import { type Campaign, type CampaignRecipient, type MessageError } from '../database/entities';
import { SqlParams } from '../database/sql-text';
import { type Row, Sql } from '../database/sql';
import { audienceSelect, type AudienceSpec, DISPLAY_NAME, marketSql } from './campaign-audience';
import { decodeCampaign, decodeCampaignRecipient } from './campaign.row';

export interface NewCampaign {
  tenantId: string;
  whatsappAccountId: string;
  name: string;
  status: Extract<CampaignStatus, 'scheduled' | 'running'>;
  templateName: string;
  templateLanguage: string;
  templateCategory: string;
  variables: CampaignVariables;
  audience: CampaignAudience;
  scheduledAt: Date;
  createdByUserId: string;
}

/** How many recipients of an audience fall in each (skip reason, market); `reason` null for those sent. */
export interface AudienceCount {
  reason: CampaignSkipReason | null;
  market: string;
  recipients: number;
}

/** A parameter (by its index) missing for some recipients to be sent: their number and the first few. */
export interface MissingParameter {
  index: number;
  recipients: number;
  examples: { contactId: string | null; displayName: string }[];
}

/** A recipient of a preview: an audience row, not stored. */
export interface PreviewRow {
  contactId: string;
  position: number;
  waId: string | null;
  userId: string | null;
  displayName: string;
  reason: CampaignSkipReason | null;
  parameters: string[];
}

/** A recipient row with what the report shows of it: its state, its contact's name and its message's outcome. */
export interface RecipientReport extends CampaignRecipient {
  reportState: CampaignRecipientState;
  displayName: string;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  error: MessageError | null;
}

/** An inbound message that may answer a campaign: its sender's contact. */
export interface InboundReply {
  tenantId: string;
  contactId: string;
  wamid: string;
}

/** A campaign's recipient that replied, and the inbound message that is the reply. */
export interface RecordedReply {
  tenantId: string;
  campaignId: string;
  messageId: string;
}

const SKIP_REASONS = Object.values(CAMPAIGN_SKIP_REASONS);

/**
 * A recipient's state in the report (`r` its row, `m` its message): its row's state until queued, then its
 * message's, `replied` once the customer answered.
 */
const REPORT_STATE = `CASE WHEN r.state <> 'queued' THEN r.state
    WHEN r.replied_at IS NOT NULL THEN 'replied'
    WHEN m.status IN ('sent', 'delivered', 'read', 'failed') THEN m.status
    ELSE 'queued' END`;

/** Inbound messages answer the latest campaign message sent to their contact within this window. */
const REPLY_WINDOW = `interval '72 hours'`;

/** The only writer of `campaigns` and `campaign_recipients`. */
@Injectable()
export class CampaignRepository {
  constructor(private readonly sql: Sql) {}

  async findById(tenantId: string, id: string): Promise<Campaign | null> {
    const [campaign] = await this.sql.query(
      `SELECT * FROM campaigns WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeCampaign,
    );
    return campaign ?? null;
  }

  /** Newest first. */
  listPage(
    tenantId: string,
    filter: { status?: CampaignStatus },
    after: KeysetPosition | null,
    take: number,
  ): Promise<Campaign[]> {
    const params = new SqlParams();
    const where = [`tenant_id = ${params.add(tenantId)}`];
    if (filter.status) where.push(`status = ${params.add(filter.status)}`);
    if (after) where.push(`(created_at, id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    return this.sql.query(
      `SELECT * FROM campaigns WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${params.add(take)}`,
      params.values,
      decodeCampaign,
    );
  }

  async insert(values: NewCampaign): Promise<Campaign> {
    const [campaign] = await this.sql.query(
      `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
         template_category, variables, audience, scheduled_at, started_at, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $4 = 'running' THEN now() END, $11)
       RETURNING *`,
      [
        values.tenantId,
        values.whatsappAccountId,
        values.name,
        values.status,
        values.templateName,
        values.templateLanguage,
        values.templateCategory,
        JSON.stringify(values.variables),
        JSON.stringify(values.audience),
        values.scheduledAt,
        values.createdByUserId,
      ],
      decodeCampaign,
    );
    return campaign!;
  }

  /**
   * Writes one recipient row per contact of the audience in one INSERT … SELECT, whatever its size: `pending` with
   * its parameters, or `skipped` with the reason. Answers how many rows it wrote.
   */
  insertRecipients(campaignId: string, spec: AudienceSpec): Promise<number> {
    const params = new SqlParams();
    const audience = audienceSelect(spec, params);
    return this.sql.execute(
      `INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, wa_id, user_id, state, reason,
         parameters)
       SELECT ${params.add(spec.tenantId)}, ${params.add(campaignId)}, a.contact_id, a.position, a.wa_id, a.user_id,
         CASE WHEN a.reason IS NULL THEN 'pending' ELSE 'skipped' END, a.reason,
         CASE WHEN a.reason IS NULL THEN a.parameters ELSE a.filled_parameters END
       FROM (${audience}) a`,
      params.values,
    );
  }

  async setEstimate(tenantId: string, id: string, estimate: CampaignEstimate): Promise<void> {
    await this.sql.execute(`UPDATE campaigns SET estimate = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
      JSON.stringify(estimate),
    ]);
  }

  /** Of these contact ids, those the tenant has no contact for: how many, and the first few. */
  async unknownContacts(tenantId: string, ids: readonly string[]): Promise<{ count: number; examples: string[] }> {
    const rows = await this.sql.query(
      `SELECT l.id::text AS id, count(*) OVER ()::int AS total
       FROM unnest($2::uuid[]) WITH ORDINALITY AS l (id, n)
       WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = $1 AND c.id = l.id)
       ORDER BY l.n LIMIT 3`,
      [tenantId, ids],
      (row) => ({ id: text(row, 'id'), total: int(row, 'total') }),
    );
    return { count: rows[0]?.total ?? 0, examples: rows.map((r) => r.id) };
  }

  /** The stored recipients of a campaign, as an audience (see `audienceSelect`'s columns). */
  private storedAudience(tenantId: string, campaignId: string, params: SqlParams): string {
    return `SELECT r.contact_id, r.position, r.wa_id, r.user_id, ${DISPLAY_NAME('c')} AS display_name, r.reason,
        r.parameters
      FROM campaign_recipients r LEFT JOIN contacts c ON c.id = r.contact_id
      WHERE r.tenant_id = ${params.add(tenantId)} AND r.campaign_id = ${params.add(campaignId)}`;
  }

  countStoredAudience(tenantId: string, campaignId: string): Promise<AudienceCount[]> {
    const params = new SqlParams();
    return this.countIn(this.storedAudience(tenantId, campaignId, params), params);
  }

  missingInStoredAudience(tenantId: string, campaignId: string, parameterCount: number): Promise<MissingParameter[]> {
    const params = new SqlParams();
    return this.missingIn(this.storedAudience(tenantId, campaignId, params), params, parameterCount);
  }

  countAudience(spec: AudienceSpec): Promise<AudienceCount[]> {
    const params = new SqlParams();
    return this.countIn(audienceSelect(spec, params), params);
  }

  /** Recipients by skip reason and market, in one pass over the audience. */
  private countIn(source: string, params: SqlParams): Promise<AudienceCount[]> {
    return this.sql.query(
      `SELECT reason, market, count(*)::int AS recipients
       FROM (SELECT a.reason, ${marketSql('a.wa_id', 'a.user_id')} AS market FROM (${source}) a) x
       GROUP BY reason, market`,
      params.values,
      (row) => ({
        reason: row.reason === null ? null : oneOf(row, 'reason', SKIP_REASONS),
        market: text(row, 'market'),
        recipients: int(row, 'recipients'),
      }),
    );
  }

  missingInAudience(spec: AudienceSpec): Promise<MissingParameter[]> {
    const params = new SqlParams();
    return this.missingIn(audienceSelect(spec, params), params, spec.parameters.length);
  }

  /** Parameters without a value for recipients to be sent, each with how many and the first three. */
  private async missingIn(source: string, params: SqlParams, parameterCount: number): Promise<MissingParameter[]> {
    if (parameterCount === 0) return [];
    const rows = await this.sql.query(
      `WITH missing AS (
         SELECT i, a.contact_id, a.display_name, a.position,
           count(*) OVER (PARTITION BY i) AS total, row_number() OVER (PARTITION BY i ORDER BY a.position) AS rank
         FROM (${source}) a CROSS JOIN generate_series(0, ${params.add(parameterCount - 1)}::int) AS i
         WHERE a.reason IS NULL AND a.parameters -> i = 'null'::jsonb
       )
       SELECT i, total::int AS total, contact_id::text AS contact_id, display_name FROM missing
       WHERE rank <= 3 ORDER BY i, rank`,
      params.values,
      (row) => ({
        index: int(row, 'i'),
        total: int(row, 'total'),
        contactId: textOrNull(row, 'contact_id'),
        displayName: text(row, 'display_name'),
      }),
    );
    const byIndex = new Map<number, MissingParameter>();
    for (const row of rows) {
      const entry = byIndex.get(row.index) ?? { index: row.index, recipients: row.total, examples: [] };
      entry.examples.push({ contactId: row.contactId, displayName: row.displayName });
      byIndex.set(row.index, entry);
    }
    return [...byIndex.values()];
  }

  /** A page of the audience in sending order, after `afterPosition`. */
  previewPage(spec: AudienceSpec, afterPosition: number, take: number): Promise<PreviewRow[]> {
    const params = new SqlParams();
    const source = audienceSelect(spec, params);
    return this.sql.query(
      `SELECT * FROM (${source}) a WHERE a.position > ${params.add(afterPosition)}
       ORDER BY a.position LIMIT ${params.add(take)}`,
      params.values,
      (row) => ({
        contactId: text(row, 'contact_id'),
        position: int(row, 'position'),
        waId: textOrNull(row, 'wa_id'),
        userId: textOrNull(row, 'user_id'),
        displayName: text(row, 'display_name'),
        reason: row.reason === null ? null : oneOf(row, 'reason', SKIP_REASONS),
        parameters: textArray(row, 'filled_parameters'),
      }),
    );
  }

  /**
   * Pending recipients of the tenant's other live campaigns: messages already promised against the month's
   * `outboundMessagesPerMonth`.
   */
  async countPendingOfOthers(tenantId: string, exceptCampaignId: string): Promise<number> {
    const [count] = await this.sql.query(
      `SELECT count(*)::int AS pending FROM campaigns k
       JOIN campaign_recipients r ON r.campaign_id = k.id AND r.state = 'pending'
       WHERE k.tenant_id = $1 AND k.id <> $2 AND k.status IN ('scheduled', 'running', 'paused')`,
      [tenantId, exceptCampaignId],
      (row) => int(row, 'pending'),
    );
    return count ?? 0;
  }

  /**
   * Recipients sent or to be sent by the tenant's campaigns created this calendar month (UTC), but `exceptCampaignId`:
   * what `campaignRecipientsPerMonth` counts. Skipped recipients and those of a cancelled campaign's unsent rest do not.
   */
  async countRecipientsThisMonth(tenantId: string, exceptCampaignId: string | null): Promise<number> {
    const [count] = await this.sql.query(
      `SELECT count(*)::int AS recipients FROM campaigns k
       JOIN campaign_recipients r ON r.campaign_id = k.id AND r.state IN ('pending', 'queued')
       WHERE k.tenant_id = $1 AND k.id IS DISTINCT FROM $2::uuid
         AND k.created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
      [tenantId, exceptCampaignId],
      (row) => int(row, 'recipients'),
    );
    return count ?? 0;
  }

  /** Each campaign's recipients by report state, in one query. */
  async totals(tenantId: string, campaignIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const rows = await this.sql.query(
      `SELECT r.campaign_id::text AS campaign_id, ${REPORT_STATE} AS state, count(*)::int AS recipients
       FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id
       WHERE r.tenant_id = $1 AND r.campaign_id = ANY($2::uuid[])
       GROUP BY 1, 2`,
      [tenantId, campaignIds],
      (row) => ({
        campaignId: text(row, 'campaign_id'),
        state: text(row, 'state'),
        recipients: int(row, 'recipients'),
      }),
    );
    const totals = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const byState = totals.get(row.campaignId) ?? new Map<string, number>();
      byState.set(row.state, row.recipients);
      totals.set(row.campaignId, byState);
    }
    return totals;
  }

  /** Recipients in sending order after `afterPosition`, optionally of one report state. */
  recipientsPage(
    tenantId: string,
    campaignId: string,
    state: CampaignRecipientState | undefined,
    afterPosition: number,
    take: number,
  ): Promise<RecipientReport[]> {
    const params = new SqlParams();
    const where = [
      `r.tenant_id = ${params.add(tenantId)}`,
      `r.campaign_id = ${params.add(campaignId)}`,
      `r.position > ${params.add(afterPosition)}`,
    ];
    if (state) where.push(`(${REPORT_STATE}) = ${params.add(state)}`);
    return this.sql.query(
      `SELECT r.*, ${REPORT_STATE} AS report_state, ${DISPLAY_NAME('c')} AS display_name,
         m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.error
       FROM campaign_recipients r
       LEFT JOIN contacts c ON c.id = r.contact_id
       LEFT JOIN messages m ON m.id = r.message_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.position LIMIT ${params.add(take)}`,
      params.values,
      decodeRecipientReport,
    );
  }

  /** Running or scheduled → paused; null when the campaign is in another status (or not the tenant's). */
  async pause(tenantId: string, id: string): Promise<Campaign | null> {
    const [campaign] = await this.sql.query(
      `UPDATE campaigns SET status = 'paused', paused_at = now(), paused_reason = NULL, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status IN ('running', 'scheduled')
       RETURNING *`,
      [tenantId, id],
      decodeCampaign,
    );
    return campaign ?? null;
  }

  /** Paused → running (or scheduled again when its time has not come); null from any other status. */
  async resume(tenantId: string, id: string): Promise<Campaign | null> {
    const [campaign] = await this.sql.query(
      `UPDATE campaigns SET
         status = CASE WHEN scheduled_at <= now() THEN 'running' ELSE 'scheduled' END,
         started_at = CASE WHEN scheduled_at <= now() THEN COALESCE(started_at, now()) ELSE started_at END,
         paused_at = NULL, paused_reason = NULL, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status = 'paused'
       RETURNING *`,
      [tenantId, id],
      decodeCampaign,
    );
    return campaign ?? null;
  }

  /**
   * Scheduled, running or paused → cancelled, and every recipient still pending is cancelled with it; a recipient
   * the sender holds is waited for and stays queued. Null from any other status.
   */
  async cancel(tenantId: string, id: string): Promise<Campaign | null> {
    const [campaign] = await this.sql.query(
      `UPDATE campaigns SET status = 'cancelled', cancelled_at = now(), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status IN ('scheduled', 'running', 'paused')
       RETURNING *`,
      [tenantId, id],
      decodeCampaign,
    );
    if (!campaign) return null;
    await this.sql.execute(
      `UPDATE campaign_recipients SET state = 'cancelled', reason = $3, updated_at = now()
       WHERE campaign_id = $1 AND tenant_id = $2 AND state = 'pending'`,
      [id, tenantId, CAMPAIGN_CANCELLED_REASON],
    );
    return campaign;
  }

  /**
   * Marks as replied the recipients that these inbound messages answer: the latest campaign message sent to the
   * sender within 72 hours before the message (failed ones aside), when it is not answered yet; the first such
   * message is the answer. Messages already counted as replies are passed over, so a redelivered batch changes nothing.
   */
  recordRepliesAcrossTenants(replies: readonly InboundReply[]): Promise<RecordedReply[]> {
    if (replies.length === 0) return Promise.resolve([]);
    return this.sql.query(
      `WITH inbound AS (
         SELECT m.id, m.tenant_id, i.contact_id, m.created_at
         FROM jsonb_to_recordset($1::jsonb) AS i (tenant_id uuid, contact_id uuid, wamid text)
         JOIN messages m ON m.wamid = i.wamid AND m.tenant_id = i.tenant_id
         WHERE m.direction = 'inbound' AND m.campaign_id IS NULL
       ), answered AS (
         SELECT DISTINCT ON (hit.id) hit.id, inbound.id AS message_id, inbound.created_at
         FROM inbound CROSS JOIN LATERAL (
           SELECT r.id, r.replied_at FROM campaign_recipients r JOIN messages sent ON sent.id = r.message_id
           WHERE r.tenant_id = inbound.tenant_id AND r.contact_id = inbound.contact_id AND r.message_id IS NOT NULL
             AND r.queued_at > inbound.created_at - ${REPLY_WINDOW} AND r.queued_at <= inbound.created_at
             AND sent.status <> 'failed'
           ORDER BY r.queued_at DESC LIMIT 1
         ) hit
         WHERE hit.replied_at IS NULL
         ORDER BY hit.id, inbound.created_at
       )
       UPDATE campaign_recipients r SET replied_at = a.created_at, updated_at = now()
       FROM answered a WHERE r.id = a.id AND r.replied_at IS NULL
       RETURNING r.tenant_id::text AS tenant_id, r.campaign_id::text AS campaign_id, a.message_id::text AS message_id`,
      [JSON.stringify(replies.map((r) => ({ tenant_id: r.tenantId, contact_id: r.contactId, wamid: r.wamid })))],
      (row) => ({
        tenantId: text(row, 'tenant_id'),
        campaignId: text(row, 'campaign_id'),
        messageId: text(row, 'message_id'),
      }),
    );
  }
}

function decodeRecipientReport(row: Row): RecipientReport {
  return {
    ...decodeCampaignRecipient(row),
    reportState: oneOf(row, 'report_state', CAMPAIGN_RECIPIENT_STATES),
    displayName: text(row, 'display_name'),
    sentAt: timestampOrNull(row, 'sent_at'),
    deliveredAt: timestampOrNull(row, 'delivered_at'),
    readAt: timestampOrNull(row, 'read_at'),
    failedAt: timestampOrNull(row, 'failed_at'),
    error: jsonObjectOrNull<MessageError>(row, 'error'),
  };
}
