import { type MigrationInterface, type QueryRunner } from 'typeorm';

const OLD_NAMES = `'agents', 'whatsappNumbers', 'contacts', 'outboundMessagesPerMonth'`;
const NAMES = `${OLD_NAMES}, 'campaignRecipientsPerMonth', 'aiRepliesPerMonth'`;

/** Each seeded plan's two new quotas (null: unlimited). */
const QUOTAS: Record<string, { campaignRecipientsPerMonth: number | null; aiRepliesPerMonth: number | null }> = {
  free: { campaignRecipientsPerMonth: 100, aiRepliesPerMonth: 50 },
  starter: { campaignRecipientsPerMonth: 5000, aiRepliesPerMonth: 1000 },
  growth: { campaignRecipientsPerMonth: 50000, aiRepliesPerMonth: 10000 },
  enterprise: { campaignRecipientsPerMonth: null, aiRepliesPerMonth: null },
};

/**
 * Limits from the plan (issue 19): campaign recipients and AI replies a month become limits, with platform defaults
 * equal to Growth's (the defaults already match Growth's other quotas), and the seeded plans get their quotas.
 */
export class PlanLimits1767059200000 implements MigrationInterface {
  name = 'PlanLimits1767059200000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['platform_limits', 'tenant_limit_overrides']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_name_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_name_check CHECK (name IN (${NAMES}))`);
    }
    await q.query(`
      INSERT INTO platform_limits (name, max) VALUES ('campaignRecipientsPerMonth', 50000), ('aiRepliesPerMonth', 10000)
      ON CONFLICT (name) DO NOTHING`);
    for (const [code, quotas] of Object.entries(QUOTAS)) {
      await q.query(`UPDATE plans SET quotas = quotas || $2::jsonb, updated_at = now() WHERE code = $1`, [
        code,
        JSON.stringify(quotas),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE plans SET quotas = quotas - 'campaignRecipientsPerMonth' - 'aiRepliesPerMonth'`);
    for (const table of ['platform_limits', 'tenant_limit_overrides']) {
      await q.query(`DELETE FROM ${table} WHERE NOT (name IN (${OLD_NAMES}))`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_name_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_name_check CHECK (name IN (${OLD_NAMES}))`);
    }
  }
}
