import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A reference from one workspace's table to another's, as the earlier migrations declared it (one column). */
interface TenantLink {
  table: string;
  column: string;
  parent: string;
  onDelete: 'CASCADE' | 'SET NULL';
}

/** Every foreign key between two tables with a `tenant_id` when this ran (a migration does not follow later ones). */
const LINKS: readonly TenantLink[] = [
  { table: 'invitations', column: 'invited_by_user_id', parent: 'users', onDelete: 'SET NULL' },
  { table: 'conversations', column: 'assignee_id', parent: 'users', onDelete: 'SET NULL' },
  { table: 'conversations', column: 'contact_id', parent: 'contacts', onDelete: 'CASCADE' },
  { table: 'conversations', column: 'team_id', parent: 'teams', onDelete: 'SET NULL' },
  { table: 'conversations', column: 'whatsapp_account_id', parent: 'whatsapp_accounts', onDelete: 'CASCADE' },
  { table: 'messages', column: 'conversation_id', parent: 'conversations', onDelete: 'CASCADE' },
  { table: 'messages', column: 'sender_user_id', parent: 'users', onDelete: 'SET NULL' },
  { table: 'conversation_notes', column: 'author_user_id', parent: 'users', onDelete: 'SET NULL' },
  { table: 'conversation_notes', column: 'conversation_id', parent: 'conversations', onDelete: 'CASCADE' },
  { table: 'revoked_tokens', column: 'user_id', parent: 'users', onDelete: 'CASCADE' },
  { table: 'campaigns', column: 'created_by_user_id', parent: 'users', onDelete: 'SET NULL' },
  { table: 'campaigns', column: 'whatsapp_account_id', parent: 'whatsapp_accounts', onDelete: 'CASCADE' },
  { table: 'campaign_recipients', column: 'campaign_id', parent: 'campaigns', onDelete: 'CASCADE' },
  { table: 'campaign_recipients', column: 'contact_id', parent: 'contacts', onDelete: 'SET NULL' },
  { table: 'automation_runs', column: 'conversation_id', parent: 'conversations', onDelete: 'SET NULL' },
  { table: 'automation_runs', column: 'message_id', parent: 'messages', onDelete: 'SET NULL' },
  { table: 'automation_runs', column: 'rule_id', parent: 'automation_rules', onDelete: 'SET NULL' },
  { table: 'team_members', column: 'team_id', parent: 'teams', onDelete: 'CASCADE' },
  { table: 'team_members', column: 'user_id', parent: 'users', onDelete: 'CASCADE' },
  { table: 'routing_waits', column: 'conversation_id', parent: 'conversations', onDelete: 'CASCADE' },
  { table: 'routing_waits', column: 'team_id', parent: 'teams', onDelete: 'SET NULL' },
  { table: 'routing_turns', column: 'user_id', parent: 'users', onDelete: 'CASCADE' },
  { table: 'webhook_deliveries', column: 'endpoint_id', parent: 'webhook_endpoints', onDelete: 'CASCADE' },
  { table: 'api_keys', column: 'created_by', parent: 'users', onDelete: 'CASCADE' },
  { table: 'microsoft_identities', column: 'user_id', parent: 'users', onDelete: 'CASCADE' },
  { table: 'chat_entry_points', column: 'whatsapp_account_id', parent: 'whatsapp_accounts', onDelete: 'CASCADE' },
  { table: 'email_tokens', column: 'user_id', parent: 'users', onDelete: 'CASCADE' },
];

const PARENTS = [...new Set(LINKS.map((link) => link.parent))];

/** `SET NULL` names the column, or PostgreSQL would null `tenant_id` as well (a NOT NULL column). */
function onDeleteSql(link: TenantLink): string {
  return link.onDelete === 'SET NULL' ? `ON DELETE SET NULL (${link.column})` : 'ON DELETE CASCADE';
}

/**
 * Foreign keys between workspace tables include `tenant_id` (docs/adr/0206): each referenced table gets a unique
 * `(tenant_id, id)` and each single-column key becomes `(tenant_id, x_id)`, so a row can never point into another
 * workspace. A database holding such a pointer is refused with its rows counted, never repaired by deleting.
 */
export class TenantForeignKeys1767750400000 implements MigrationInterface {
  name = 'TenantForeignKeys1767750400000';

  async up(q: QueryRunner): Promise<void> {
    const crossing: string[] = [];
    for (const link of LINKS) {
      const rows = (await q.query(
        `SELECT count(*)::int AS n, min(c.${link.column}::text) AS example
         FROM ${link.table} c JOIN ${link.parent} p ON p.id = c.${link.column}
         WHERE p.tenant_id <> c.tenant_id`,
      )) as { n: number; example: string | null }[];
      const { n, example } = rows[0] ?? { n: 0, example: null };
      if (n > 0) {
        crossing.push(
          `${link.table}.${link.column}: ${n} row(s) point at ${link.parent} of another workspace (e.g. ${example})`,
        );
      }
    }
    if (crossing.length > 0) {
      throw new Error(
        `Rows point into another workspace; correct or remove them, then migrate again:\n${crossing.join('\n')}`,
      );
    }

    for (const parent of PARENTS) {
      await q.query(`ALTER TABLE ${parent} ADD CONSTRAINT ${parent}_tenant_id_id_key UNIQUE (tenant_id, id)`);
    }
    for (const link of LINKS) {
      const name = `${link.table}_${link.column}_fkey`;
      await q.query(
        `ALTER TABLE ${link.table} DROP CONSTRAINT ${name},
         ADD CONSTRAINT ${name} FOREIGN KEY (tenant_id, ${link.column})
           REFERENCES ${link.parent} (tenant_id, id) ${onDeleteSql(link)}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const link of LINKS) {
      const name = `${link.table}_${link.column}_fkey`;
      await q.query(
        `ALTER TABLE ${link.table} DROP CONSTRAINT ${name},
         ADD CONSTRAINT ${name} FOREIGN KEY (${link.column}) REFERENCES ${link.parent} (id) ON DELETE ${link.onDelete}`,
      );
    }
    for (const parent of PARENTS) await q.query(`ALTER TABLE ${parent} DROP CONSTRAINT ${parent}_tenant_id_id_key`);
  }
}
