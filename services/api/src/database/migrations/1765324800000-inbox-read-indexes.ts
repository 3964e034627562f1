import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Inbox reads that stay flat as a tenant grows (docs/adr/0087): trigram indexes for substring search of contacts,
 * one inbox-order index per filter the dashboard offers, and today's message counts answered from an index alone.
 * pg_trgm and btree_gin are trusted extensions: the database owner may create them.
 */
export class InboxReadIndexes1765324800000 implements MigrationInterface {
  name = 'InboxReadIndexes1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    // The customer's WhatsApp username (Meta's business-scoped user ids); searchable like the names. Without a
    // pending list, a search never scans unindexed new contacts and its plan does not change as the list fills.
    await q.query(`ALTER TABLE contacts ADD COLUMN username text`);
    await q.query(
      `CREATE INDEX contacts_search_idx ON contacts USING gin (tenant_id, name gin_trgm_ops,
         profile_name gin_trgm_ops, username gin_trgm_ops, wa_id gin_trgm_ops) WITH (fastupdate = off)`,
    );

    // Newest activity first within each filter: a page reads its rows and no others.
    await q.query(
      `CREATE INDEX conversations_status_inbox_idx ON conversations (tenant_id, status, last_message_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX conversations_assignee_inbox_idx
         ON conversations (tenant_id, assignee_id, last_message_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX conversations_status_assignee_inbox_idx
         ON conversations (tenant_id, status, assignee_id, last_message_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX conversations_number_inbox_idx
         ON conversations (tenant_id, whatsapp_account_id, status, last_message_at DESC, id DESC)`,
    );
    // Served by conversations_status_assignee_inbox_idx, whose leading columns are the same.
    await q.query(`DROP INDEX conversations_tenant_status_idx`);

    await q.query(
      `CREATE INDEX messages_tenant_day_idx ON messages (tenant_id, created_at) INCLUDE (direction, status)`,
    );
    await q.query(`DROP INDEX messages_tenant_created_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messages_tenant_created_idx ON messages (tenant_id, created_at)`);
    await q.query(`DROP INDEX messages_tenant_day_idx`);
    await q.query(`CREATE INDEX conversations_tenant_status_idx ON conversations (tenant_id, status, assignee_id)`);
    await q.query(`DROP INDEX conversations_number_inbox_idx`);
    await q.query(`DROP INDEX conversations_status_assignee_inbox_idx`);
    await q.query(`DROP INDEX conversations_assignee_inbox_idx`);
    await q.query(`DROP INDEX conversations_status_inbox_idx`);
    await q.query(`DROP INDEX contacts_search_idx`);
    await q.query(`ALTER TABLE contacts DROP COLUMN username`);
  }
}
