import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the checks every automated send makes under a lock (docs/adr/0211). The cap on automated messages per
 * conversation and hour names the tenant too: with an index of the conversation alone, PostgreSQL would AND it with
 * the tenant's unique key, reading an index entry for every message of the workspace. The monthly limits count only
 * the outbound deltas of the rollups, however much inbound traffic the workspace has.
 */
export class SendCheckIndexes1767923200000 implements MigrationInterface {
  name = 'SendCheckIndexes1767923200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX messages_automated_tenant_idx ON messages (tenant_id, conversation_id, created_at)
         WHERE automated_by IS NOT NULL`,
    );
    await q.query(`DROP INDEX messages_automated_idx`);
    await q.query(
      `CREATE INDEX message_stats_deltas_outbound_idx ON message_stats_deltas (tenant_id, day)
         WHERE direction = 'outbound'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX message_stats_deltas_outbound_idx`);
    await q.query(
      `CREATE INDEX messages_automated_idx ON messages (conversation_id, created_at) WHERE automated_by IS NOT NULL`,
    );
    await q.query(`DROP INDEX messages_automated_tenant_idx`);
  }
}
