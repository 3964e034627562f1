import { Injectable } from '@nestjs/common';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '@aerostic/shared';
import { bool, int, oneOf, text, textArray, textOrNull } from '../../database/columns';
import { type Campaign } from '../../database/entities';
import { Sql } from '../../database/sql';
import { decodeCampaign } from '../campaign.row';

/** A pending recipient claimed for sending, with its contact as it is now (null once the contact was deleted). */
export interface ClaimedRecipient {
  id: string;
  position: number;
  parameters: string[];
  contact: {
    id: string;
    waId: string | null;
    userId: string | null;
    marketingConsent: string;
    optedOut: boolean;
  } | null;
}

/** A campaign that is due or running, across tenants. */
export interface CampaignRef {
  tenantId: string;
  id: string;
}

/**
 * The sending side of `campaigns` and `campaign_recipients`: starting due campaigns, claiming pending recipients in
 * position order, recording what was queued or skipped, and completing a campaign (docs/adr/0117).
 */
@Injectable()
export class CampaignFeedRepository {
  constructor(private readonly sql: Sql) {}

  /** Starts every scheduled campaign whose time has come; answers them. */
  startDueAcrossTenants(): Promise<CampaignRef[]> {
    return this.sql.query(
      `UPDATE campaigns SET status = 'running', started_at = COALESCE(started_at, now()), updated_at = now()
       WHERE status = 'scheduled' AND scheduled_at <= now()
       RETURNING tenant_id, id`,
      [],
      (row) => ({ tenantId: text(row, 'tenant_id'), id: text(row, 'id') }),
    );
  }

  /** Running campaigns whose time has come (a campaign created `running` is fed from its scheduled time). */
  runningAcrossTenants(): Promise<CampaignRef[]> {
    return this.sql.query(
      `SELECT tenant_id, id FROM campaigns WHERE status = 'running' AND scheduled_at <= now()`,
      [],
      (row) => ({ tenantId: text(row, 'tenant_id'), id: text(row, 'id') }),
    );
  }

  async find(tenantId: string, id: string): Promise<Campaign | null> {
    const [campaign] = await this.sql.query(
      `SELECT * FROM campaigns WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeCampaign,
    );
    return campaign ?? null;
  }

  /**
   * Inside the feeding transaction: the campaign's status, its row share-locked until commit, so a pause or cancel
   * waits for a batch being queued and every later batch sees it.
   */
  async lockStatus(tenantId: string, id: string): Promise<CampaignStatus | null> {
    const [status] = await this.sql.query(
      `SELECT status FROM campaigns WHERE tenant_id = $1 AND id = $2 FOR SHARE`,
      [tenantId, id],
      (row) => oneOf(row, 'status', CAMPAIGN_STATUSES),
    );
    return status ?? null;
  }

  /** Running → paused by the platform, with the reason the campaign shows; false when it was not running. */
  async pauseWithReason(tenantId: string, id: string, reason: string): Promise<boolean> {
    const paused = await this.sql.execute(
      `UPDATE campaigns SET status = 'paused', paused_at = now(), paused_reason = $3, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
      [tenantId, id, reason],
    );
    return paused > 0;
  }

  /** The first `limit` pending recipients by position, locked; those another transaction holds are passed over. */
  claimPending(tenantId: string, campaignId: string, limit: number): Promise<ClaimedRecipient[]> {
    return this.sql.prepared(
      'campaign-recipients-claim',
      `SELECT r.id, r.position, r.parameters, c.id AS contact_id,
         COALESCE(c.wa_id, r.wa_id) AS wa_id, COALESCE(c.user_id, r.user_id) AS user_id, c.marketing_consent,
         c.opted_out
       FROM campaign_recipients r LEFT JOIN contacts c ON c.id = r.contact_id
       WHERE r.campaign_id = $2 AND r.tenant_id = $1 AND r.state = 'pending'
       ORDER BY r.position
       LIMIT $3
       FOR UPDATE OF r SKIP LOCKED`,
      [tenantId, campaignId, limit],
      (row) => {
        const contactId = textOrNull(row, 'contact_id');
        return {
          id: text(row, 'id'),
          position: int(row, 'position'),
          parameters: textArray(row, 'parameters'),
          contact:
            contactId === null
              ? null
              : {
                  id: contactId,
                  waId: textOrNull(row, 'wa_id'),
                  userId: textOrNull(row, 'user_id'),
                  marketingConsent: text(row, 'marketing_consent'),
                  optedOut: bool(row, 'opted_out'),
                },
        };
      },
    );
  }

  async markQueued(tenantId: string, queued: readonly { id: string; messageId: string }[]): Promise<void> {
    if (queued.length === 0) return;
    await this.sql.prepared(
      'campaign-recipients-queued',
      `UPDATE campaign_recipients r
       SET state = 'queued', message_id = q.message_id, queued_at = now(), updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS q(id uuid, message_id uuid)
       WHERE r.id = q.id AND r.tenant_id = $1 AND r.state = 'pending'`,
      [tenantId, JSON.stringify(queued.map((q) => ({ id: q.id, message_id: q.messageId })))],
      () => null,
    );
  }

  async markSkipped(tenantId: string, skipped: readonly { id: string; reason: string }[]): Promise<void> {
    if (skipped.length === 0) return;
    await this.sql.prepared(
      'campaign-recipients-skipped',
      `UPDATE campaign_recipients r SET state = 'skipped', reason = s.reason, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, reason text)
       WHERE r.id = s.id AND r.tenant_id = $1 AND r.state = 'pending'`,
      [tenantId, JSON.stringify(skipped)],
      () => null,
    );
  }

  /** The recipients whose messages these are, with the address each was sent to. */
  queuedByMessage(
    tenantId: string,
    messageIds: readonly string[],
  ): Promise<{ messageId: string; waId: string | null; userId: string | null }[]> {
    return this.sql.query(
      `SELECT r.message_id, COALESCE(c.wa_id, r.wa_id) AS wa_id, COALESCE(c.user_id, r.user_id) AS user_id
       FROM campaign_recipients r LEFT JOIN contacts c ON c.id = r.contact_id
       WHERE r.tenant_id = $1 AND r.message_id = ANY($2::uuid[])`,
      [tenantId, messageIds],
      (row) => ({
        messageId: text(row, 'message_id'),
        waId: textOrNull(row, 'wa_id'),
        userId: textOrNull(row, 'user_id'),
      }),
    );
  }

  /** Completes a running campaign that has no pending recipient left; answers whether it did. */
  async completeIfDone(tenantId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.execute(
        `UPDATE campaigns SET status = 'completed', completed_at = now(), updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND status = 'running'
           AND NOT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = $2 AND state = 'pending')`,
        [tenantId, id],
      )) > 0
    );
  }
}
