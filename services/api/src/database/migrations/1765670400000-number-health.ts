import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A number's health as Meta last reported it: the token's state and expiry (from `debug_token`), when it was last
 * checked and why a check failed. An expiring token is one Meta will stop accepting soon.
 */
export class NumberHealth1765670400000 implements MigrationInterface {
  name = 'NumberHealth1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE whatsapp_accounts DROP CONSTRAINT whatsapp_accounts_token_status_check`);
    await q.query(`
      ALTER TABLE whatsapp_accounts
        ADD CONSTRAINT whatsapp_accounts_token_status_check
          CHECK (token_status IN ('valid', 'expiring', 'invalid', 'unknown')),
        ADD COLUMN token_expires_at timestamptz,
        ADD COLUMN health_checked_at timestamptz,
        ADD COLUMN health_error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE whatsapp_accounts
        DROP COLUMN health_error,
        DROP COLUMN health_checked_at,
        DROP COLUMN token_expires_at,
        DROP CONSTRAINT whatsapp_accounts_token_status_check`);
    await q.query(`UPDATE whatsapp_accounts SET token_status = 'invalid' WHERE token_status <> 'valid'`);
    await q.query(`
      ALTER TABLE whatsapp_accounts
        ADD CONSTRAINT whatsapp_accounts_token_status_check CHECK (token_status IN ('valid', 'invalid'))`);
  }
}
