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
 * Retires `tenants.webhook_url` (docs/adr/0156): a URL set after the copy of 1767232000000 becomes an endpoint too,
 * unless the workspace has one with that URL, then the column goes. Delivery retention deletes by age (0157).
 */
export class WebhookUrlRetired1767577600000 implements MigrationInterface {
  name = 'WebhookUrlRetired1767577600000';

  async up(q: QueryRunner): Promise<void> {
    const column = (await q.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'tenants' AND column_name = 'webhook_url'`,
    )) as unknown[];
    if (column.length > 0) await this.copyAndDrop(q);
    await q.query(`CREATE INDEX IF NOT EXISTS webhook_deliveries_created_idx ON webhook_deliveries (created_at)`);
  }

  private async copyAndDrop(q: QueryRunner): Promise<void> {
    // Secrets stored `plain:` are sealed by the API when it starts, as for the first copy (docs/adr/0142).
    await q.query(`
      INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed)
      SELECT t.id, t.webhook_url, ARRAY[${EVENTS.map((e) => `'${e}'`).join(', ')}],
             'plain:whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
      FROM tenants t
      WHERE t.webhook_url IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = t.id AND e.url = t.webhook_url)`);
    await q.query(`ALTER TABLE tenants DROP COLUMN webhook_url`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS webhook_deliveries_created_idx`);
    await q.query(`ALTER TABLE tenants ADD COLUMN IF NOT EXISTS webhook_url text`);
  }
}
