import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class OverviewIndexes1764115200000 implements MigrationInterface {
  name = 'OverviewIndexes1764115200000';

  async up(q: QueryRunner): Promise<void> {
    // The overview counts a workspace's messages of one day: a range scan instead of every message of the platform.
    await q.query(`CREATE INDEX messages_tenant_created_idx ON messages (tenant_id, created_at)`);
    // Open and unassigned counts, and each member's open conversations on the team page.
    await q.query(`CREATE INDEX conversations_tenant_status_idx ON conversations (tenant_id, status, assignee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_tenant_status_idx`);
    await q.query(`DROP INDEX messages_tenant_created_idx`);
  }
}
