import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Marketing consent becomes the one record of an opt-out: the team's old `opted_out` flag is carried into it and
 * stays readable, worked out from it (docs/adr/0114). Numbers keep Meta's status from the account webhooks,
 * templates their quality score, and early statuses their pricing until the message is known (docs/adr/0115).
 */
export class ConsentAndNumberStatus1766188800000 implements MigrationInterface {
  name = 'ConsentAndNumberStatus1766188800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE contacts SET marketing_consent = 'opted_out', marketing_consent_at = updated_at,
        marketing_consent_source = 'agent'
      WHERE opted_out AND marketing_consent = 'unknown'`);
    await q.query(`ALTER TABLE contacts DROP COLUMN opted_out`);
    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN opted_out boolean GENERATED ALWAYS AS (marketing_consent = 'opted_out') STORED,
        ADD CONSTRAINT contacts_marketing_consent_source_check
          CHECK (marketing_consent_source IN ('whatsapp', 'agent', 'import', 'api'))`);

    await q.query(`
      ALTER TABLE whatsapp_accounts
        ADD COLUMN meta_status text,
        ADD COLUMN meta_status_reason text,
        ADD COLUMN meta_status_changed_at timestamptz`);
    await q.query(`ALTER TABLE templates ADD COLUMN quality_score text`);
    await q.query(`ALTER TABLE message_status_events ADD COLUMN pricing jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE message_status_events DROP COLUMN pricing`);
    await q.query(`ALTER TABLE templates DROP COLUMN quality_score`);
    await q.query(`
      ALTER TABLE whatsapp_accounts
        DROP COLUMN meta_status, DROP COLUMN meta_status_reason, DROP COLUMN meta_status_changed_at`);
    await q.query(`
      ALTER TABLE contacts DROP CONSTRAINT contacts_marketing_consent_source_check, DROP COLUMN opted_out`);
    await q.query(`ALTER TABLE contacts ADD COLUMN opted_out boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE contacts SET opted_out = true WHERE marketing_consent = 'opted_out'`);
  }
}
