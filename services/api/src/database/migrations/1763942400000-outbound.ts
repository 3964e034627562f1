import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Outbound1763942400000 implements MigrationInterface {
  name = 'Outbound1763942400000';

  async up(q: QueryRunner): Promise<void> {
    // A retried POST with the same Idempotency-Key finds the first message instead of sending twice.
    await q.query(`ALTER TABLE messages ADD COLUMN idempotency_key text`);
    await q.query(
      `CREATE UNIQUE INDEX messages_idempotency_uq ON messages (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_idempotency_uq`);
    await q.query(`ALTER TABLE messages DROP COLUMN idempotency_key`);
  }
}
