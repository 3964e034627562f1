import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The event types as they were when this ran (a migration does not follow later changes of the list). */
const EVENTS = [
  'message.received',
  'message.sent',
  'message.status',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'contact.created',
  'contact.updated',
];

/**
 * Event webhooks (issue 20): a workspace's endpoints (secret sealed with ENCRYPTION_KEY) and one delivery row per
 * event and endpoint, updated on each attempt.
 */
export class EventWebhooks1767232000000 implements MigrationInterface {
  name = 'EventWebhooks1767232000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        secret_sealed text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        -- The first failed attempt since the last success: three days of failures disable the endpoint.
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_tenant_idx ON webhook_endpoints (tenant_id, created_at)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        duration_ms integer,
        response_code integer,
        response_excerpt text,
        -- Retries stop this long after the event (24 hours, or from a "send again").
        retry_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        -- An event reaches an endpoint once, however often it is emitted.
        CONSTRAINT webhook_deliveries_event_once UNIQUE (endpoint_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`,
    );
    // The old single webhookUrl becomes the workspace's first endpoint, subscribed to every event (docs/adr/0141).
    // Migrations have no ENCRYPTION_KEY: the secret is stored marked `plain:` and the API seals it when it starts.
    await q.query(`
      INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed)
      SELECT id, webhook_url, ARRAY[${EVENTS.map((e) => `'${e}'`).join(', ')}],
             'plain:whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
      FROM tenants WHERE webhook_url IS NOT NULL`);
    await q.query(`UPDATE tenants SET webhook_url = NULL WHERE webhook_url IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
