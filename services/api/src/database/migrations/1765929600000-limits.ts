import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Quotas: the platform's default for each limit, set by super admins, and a tenant's overrides of them. A null max
 * is unlimited; an override row, even a null one, replaces the default, and no row follows it
 * (docs/adr/0109-quotas-defaults-and-overrides.md). The seeded defaults are generous but finite.
 */
export class Limits1765929600000 implements MigrationInterface {
  name = 'Limits1765929600000';

  async up(q: QueryRunner): Promise<void> {
    const names = `'agents', 'whatsappNumbers', 'contacts', 'outboundMessagesPerMonth'`;
    await q.query(`
      CREATE TABLE platform_limits (
        name text PRIMARY KEY CHECK (name IN (${names})),
        max integer CHECK (max > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO platform_limits (name, max) VALUES
        ('agents', 25), ('whatsappNumbers', 5), ('contacts', 100000), ('outboundMessagesPerMonth', 100000)`);
    await q.query(`
      CREATE TABLE tenant_limit_overrides (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name IN (${names})),
        max integer CHECK (max > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_limit_overrides`);
    await q.query(`DROP TABLE platform_limits`);
  }
}
