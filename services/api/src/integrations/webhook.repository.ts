import { Injectable } from '@nestjs/common';
import { type WebhookDeliveryType, type WebhookEventBody, type WebhookEventType } from '@aerostic/shared';
import { text } from '../database/columns';
import { Sql } from '../database/sql';
import { decodeDelivery, decodeEndpoint, type WebhookDelivery, type WebhookEndpoint } from './webhook.row';

/** What an attempt ended with, recorded on its delivery. */
export interface AttemptRecord {
  succeeded: boolean;
  /** No more attempts follow (success, or retries ran out). */
  final: boolean;
  durationMs: number;
  responseCode: number | null;
  responseExcerpt: string | null;
  at: Date;
}

/** The only writer of `webhook_endpoints` and `webhook_deliveries`. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly sql: Sql) {}

  async createEndpoint(
    tenantId: string,
    values: { url: string; events: WebhookEventType[]; secretSealed: string },
  ): Promise<WebhookEndpoint> {
    const [row] = await this.sql.query(
      `INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed) VALUES ($1, $2, $3, $4) RETURNING *`,
      [tenantId, values.url, values.events, values.secretSealed],
      decodeEndpoint,
    );
    return row!;
  }

  listEndpoints(tenantId: string): Promise<WebhookEndpoint[]> {
    return this.sql.query(
      `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenantId],
      decodeEndpoint,
    );
  }

  async findEndpoint(tenantId: string, id: string): Promise<WebhookEndpoint | null> {
    const [row] = await this.sql.query(
      `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeEndpoint,
    );
    return row ?? null;
  }

  /** Enabling again clears why it was disabled and its failure streak, so it gets three more days. */
  async updateEndpoint(
    tenantId: string,
    id: string,
    changes: { url?: string; events?: WebhookEventType[]; enabled?: boolean },
  ): Promise<WebhookEndpoint | null> {
    const [row] = await this.sql.query(
      `UPDATE webhook_endpoints SET
         url = COALESCE($3, url),
         events = COALESCE($4, events),
         enabled = COALESCE($5, enabled),
         disabled_reason = CASE WHEN $5 IS NULL THEN disabled_reason ELSE NULL END,
         failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END,
         updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, changes.url ?? null, changes.events ?? null, changes.enabled ?? null],
      decodeEndpoint,
    );
    return row ?? null;
  }

  async deleteEndpoint(tenantId: string, id: string): Promise<boolean> {
    const rows = await this.sql.query(
      `DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, id],
      (row) => row,
    );
    return rows.length > 0;
  }

  /** A success ends the failure streak. */
  async markSucceeded(endpointId: string): Promise<void> {
    await this.sql.query(
      `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
      [endpointId],
      (row) => row,
    );
  }

  /** Starts the failure streak at `at` if none runs; answers the endpoint as it is now. */
  async markFailing(endpointId: string, at: Date): Promise<WebhookEndpoint | null> {
    const [row] = await this.sql.query(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING *`,
      [endpointId, at],
      decodeEndpoint,
    );
    return row ?? null;
  }

  /** Disables an endpoint still enabled; answers it only when this call disabled it (admins are told once). */
  async disableFailing(endpointId: string, reason: string): Promise<WebhookEndpoint | null> {
    const [row] = await this.sql.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now()
       WHERE id = $1 AND enabled RETURNING *`,
      [endpointId, reason],
      decodeEndpoint,
    );
    return row ?? null;
  }

  /** One delivery per endpoint for the event; an event emitted again adds nothing. Answers those added. */
  createDeliveries(
    tenantId: string,
    endpointIds: readonly string[],
    event: WebhookEventBody,
    retryUntil: Date,
  ): Promise<WebhookDelivery[]> {
    return this.sql.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, type, payload, retry_until)
       SELECT $1, endpoint_id, $3, $4, $5, $6 FROM unnest($2::uuid[]) AS endpoint_id
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING *`,
      [tenantId, endpointIds, event.id, event.type satisfies WebhookDeliveryType, event, retryUntil],
      decodeDelivery,
    );
  }

  async findDelivery(tenantId: string, id: string): Promise<WebhookDelivery | null> {
    const [row] = await this.sql.query(
      `SELECT * FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeDelivery,
    );
    return row ?? null;
  }

  /** Newest first. */
  listDeliveries(tenantId: string, endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.sql.query(
      `SELECT * FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [tenantId, endpointId, limit],
      decodeDelivery,
    );
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<WebhookDelivery | null> {
    const status = attempt.succeeded ? 'succeeded' : attempt.final ? 'failed' : 'pending';
    const [row] = await this.sql.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, duration_ms = $3, response_code = $4,
         response_excerpt = $5, last_attempt_at = $6
       WHERE id = $1 RETURNING *`,
      [id, status, attempt.durationMs, attempt.responseCode, attempt.responseExcerpt, attempt.at],
      decodeDelivery,
    );
    return row ?? null;
  }

  /** "Send again": pending once more, with retries for another `retryUntil`. */
  async reopenDelivery(tenantId: string, id: string, retryUntil: Date): Promise<WebhookDelivery | null> {
    const [row] = await this.sql.query(
      `UPDATE webhook_deliveries SET status = 'pending', retry_until = $3 WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, retryUntil],
      decodeDelivery,
    );
    return row ?? null;
  }

  /**
   * Deletes up to `limit` deliveries of any tenant created before `before` (the retention job); answers how many.
   * Across tenants: the age is the only criterion.
   */
  async deleteDeliveriesBeforeAcrossTenants(before: Date, limit: number): Promise<number> {
    const rows = await this.sql.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE created_at < $1 ORDER BY created_at LIMIT $2
       ) RETURNING id`,
      [before, limit],
      (row) => row,
    );
    return rows.length;
  }

  /** Endpoints whose secret a migration stored unsealed (`plain:`), across tenants. */
  listUnsealed(): Promise<{ id: string; secret: string }[]> {
    return this.sql.query(
      `SELECT id, secret_sealed FROM webhook_endpoints WHERE secret_sealed LIKE 'plain:%'`,
      [],
      (row) => ({ id: text(row, 'id'), secret: text(row, 'secret_sealed').slice('plain:'.length) }),
    );
  }

  async sealSecret(id: string, secretSealed: string): Promise<void> {
    await this.sql.query(
      `UPDATE webhook_endpoints SET secret_sealed = $2 WHERE id = $1 AND secret_sealed LIKE 'plain:%'`,
      [id, secretSealed],
      (row) => row,
    );
  }
}
