import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Click-to-chat (docs/adr/0151): a number's links, QR codes and website widgets, each with a short ref that the
 * prefilled text carries, and the source a conversation was attributed to (docs/adr/0153), first one kept.
 */
export class ClickToChat1767491200000 implements MigrationInterface {
  name = 'ClickToChat1767491200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chat_entry_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        whatsapp_account_id uuid NOT NULL REFERENCES whatsapp_accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('link', 'qr', 'widget')),
        prefilled_text text NOT NULL DEFAULT '',
        ref text NOT NULL UNIQUE CHECK (ref ~ '^[a-z0-9]{6}$'),
        widget jsonb CHECK ((kind = 'widget') = (widget IS NOT NULL)),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX chat_entry_points_account_idx ON chat_entry_points (tenant_id, whatsapp_account_id, created_at)`,
    );
    await q.query(`ALTER TABLE conversations ADD COLUMN source jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversations DROP COLUMN source`);
    await q.query(`DROP TABLE chat_entry_points`);
  }
}
