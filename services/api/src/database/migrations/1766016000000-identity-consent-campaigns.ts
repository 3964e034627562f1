import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * WhatsApp as Meta runs it since 2026: a customer is known by phone number, business-scoped user id, or both
 * (docs/adr/0113); marketing consent follows `user_preferences` webhooks; each message keeps Meta's pricing; and
 * broadcast campaigns send one template to an audience, one recipient row per contact (docs/adr/0116).
 */
export class IdentityConsentCampaigns1766016000000 implements MigrationInterface {
  name = 'IdentityConsentCampaigns1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts ALTER COLUMN wa_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN user_id text CHECK (user_id ~ '^[A-Z]{2}\\.[A-Za-z0-9.]{1,160}$'),
        ADD COLUMN parent_user_id text,
        ADD COLUMN marketing_consent text NOT NULL DEFAULT 'unknown'
          CHECK (marketing_consent IN ('unknown', 'granted', 'opted_out')),
        ADD COLUMN marketing_consent_at timestamptz,
        ADD COLUMN marketing_consent_source text,
        ADD CONSTRAINT contacts_identified CHECK (wa_id IS NOT NULL OR user_id IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX contacts_user_id_uq ON contacts (tenant_id, user_id) WHERE user_id IS NOT NULL`);

    await q.query(`ALTER TABLE tenants ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);

    await q.query(`
      ALTER TABLE messages
        ADD COLUMN pricing_billable boolean,
        ADD COLUMN pricing_model text,
        ADD COLUMN pricing_category text,
        ADD COLUMN pricing_type text,
        ADD COLUMN campaign_id uuid`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        whatsapp_account_id uuid NOT NULL REFERENCES whatsapp_accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('scheduled', 'running', 'paused', 'completed', 'cancelled')),
        template_name text NOT NULL,
        template_language text NOT NULL,
        template_category text NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}',
        audience jsonb NOT NULL DEFAULT '{}',
        scheduled_at timestamptz NOT NULL,
        started_at timestamptz,
        paused_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        estimate jsonb NOT NULL DEFAULT '{}',
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_tenant_page_idx ON campaigns (tenant_id, created_at, id)`);
    await q.query(
      `CREATE INDEX campaigns_due_idx ON campaigns (scheduled_at) WHERE status IN ('scheduled', 'running')`,
    );

    await q.query(`
      CREATE TABLE campaign_recipients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
        position integer NOT NULL,
        wa_id text,
        user_id text,
        state text NOT NULL CHECK (state IN ('pending', 'queued', 'skipped', 'cancelled')),
        reason text,
        parameters jsonb NOT NULL DEFAULT '[]',
        message_id uuid UNIQUE,
        queued_at timestamptz,
        replied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, contact_id),
        UNIQUE (campaign_id, position)
      )`);
    await q.query(`CREATE INDEX campaign_recipients_pending_idx ON campaign_recipients (campaign_id, position)
      WHERE state = 'pending'`);
    await q.query(`CREATE INDEX campaign_recipients_contact_idx ON campaign_recipients (tenant_id, contact_id, queued_at)
      WHERE message_id IS NOT NULL`);
    await q.query(`CREATE INDEX messages_campaign_idx ON messages (campaign_id) WHERE campaign_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_campaign_idx`);
    await q.query(`DROP TABLE campaign_recipients`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`
      ALTER TABLE messages DROP COLUMN pricing_billable, DROP COLUMN pricing_model, DROP COLUMN pricing_category,
        DROP COLUMN pricing_type, DROP COLUMN campaign_id`);
    await q.query(`ALTER TABLE tenants DROP COLUMN time_zone`);
    await q.query(`DROP INDEX contacts_user_id_uq`);
    await q.query(`DELETE FROM contacts WHERE wa_id IS NULL`);
    await q.query(`
      ALTER TABLE contacts DROP CONSTRAINT contacts_identified, DROP COLUMN user_id, DROP COLUMN parent_user_id,
        DROP COLUMN marketing_consent, DROP COLUMN marketing_consent_at, DROP COLUMN marketing_consent_source`);
    await q.query(`ALTER TABLE contacts ALTER COLUMN wa_id SET NOT NULL`);
  }
}
