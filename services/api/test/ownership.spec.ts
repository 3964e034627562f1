import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../src/database/entities';

/**
 * The API's ownership rules, checked on its source: each table has one module that writes it, only repositories
 * reach the database, and modules export services. A rule broken anywhere fails here with the file that broke it.
 */

const SRC = join(__dirname, '../src');

/** Each table's owning module (a folder under src/). */
const OWNERS: Record<string, string> = {
  webhook_endpoints: 'integrations',
  webhook_deliveries: 'integrations',
  messages: 'messages',
  message_status_events: 'messages',
  conversations: 'conversations',
  conversation_notes: 'conversations',
  conversation_facts: 'conversations',
  contacts: 'contacts',
  templates: 'templates',
  whatsapp_accounts: 'whatsapp',
  users: 'users',
  invitations: 'users',
  tenants: 'tenants',
  api_keys: 'api-keys',
  audit_logs: 'audit-logs',
  revoked_tokens: 'auth',
  email_tokens: 'auth',
  platform_admins: 'admin',
  admin_revoked_tokens: 'admin',
  admin_invitations: 'admin',
  platform_limits: 'limits',
  tenant_limit_overrides: 'limits',
  campaigns: 'campaigns',
  campaign_recipients: 'campaigns',
  ai_settings: 'ai',
  knowledge_articles: 'ai',
  teams: 'routing',
  team_members: 'routing',
  routing_waits: 'routing',
  routing_turns: 'routing',
  plans: 'billing',
  subscriptions: 'billing',
  billing_adjustments: 'billing',
  invoices: 'billing',
  invoice_lines: 'billing',
  invoice_number_counters: 'billing',
  stripe_events: 'billing',
  message_stats_daily: 'usage',
  message_stats_deltas: 'usage',
  message_stats_replies: 'usage',
  meta_rates: 'usage',
  meta_budgets: 'usage',
};

/** The table of each entity class, as its `@Entity` declares it. */
const ENTITY_TABLES: Record<string, string> = Object.fromEntries(
  getMetadataArgsStorage()
    .tables.filter((table) => (ENTITIES as readonly unknown[]).includes(table.target))
    .map((table) => [(table.target as { name: string }).name, table.name ?? '']),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' || entry.name === 'entities' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  module: relative(SRC, path).split(sep)[0]!,
  text: readFileSync(path, 'utf8'),
}));

/** The tables a file writes with SQL, or reaches through a TypeORM repository of its entity. */
function tablesTouched(text: string): string[] {
  const written = [...text.matchAll(/\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g)].map((m) => m[1]!);
  const repositories = [...text.matchAll(/\b(?:tenantTable|table)\((\w+)\)/g)].map(
    (m) => ENTITY_TABLES[m[1]!] ?? m[1]!,
  );
  return [...written, ...repositories].filter((table) => table in OWNERS);
}

describe('API ownership rules', () => {
  it('should write each table only from its owning module', () => {
    const strays = files.flatMap((file) =>
      tablesTouched(file.text)
        .filter((table) => OWNERS[table] !== file.module)
        .map((table) => `${file.path} touches ${table}, owned by ${OWNERS[table]}/`),
    );

    expect(strays).toEqual([]);
  });

  it('should keep SQL and database access out of the inbound module, which only decides', () => {
    const inbound = files.filter((file) => file.module === 'inbound');

    expect(inbound.length).toBeGreaterThan(0);
    expect(
      inbound.filter((file) => /from '(typeorm|\.\.\/database\/sql)'|\bSELECT\b|\bINSERT\b/.test(file.text)),
    ).toEqual([]);
  });

  it('should give no service, controller, consumer or gateway a DataSource, EntityManager or TypeORM repository', () => {
    const edges = files.filter((file) => /\.(service|controller|consumer|gateway)\.ts$/.test(file.path));
    const reaching = edges
      .filter((file) =>
        /import[^;]*\b(DataSource|EntityManager|Repository|Sql)\b[^;]*from '(typeorm|[./]+database\/sql)'/.test(
          file.text,
        ),
      )
      .map((file) => file.path);

    expect(edges.length).toBeGreaterThan(20);
    expect(reaching).toEqual([]);
  });

  it('should export services from modules, never repositories', () => {
    const exported = files
      .filter((file) => file.path.endsWith('.module.ts'))
      .flatMap((file) => {
        const exports = /exports:\s*\[([^\]]*)\]/.exec(file.text)?.[1] ?? '';
        return exports.includes('Repository') ? [`${file.path}: ${exports.trim()}`] : [];
      });

    expect(exported).toEqual([]);
  });

  it('should give every table an owner, so that a new table cannot escape the rules', () => {
    const tables = Object.values(ENTITY_TABLES);

    expect(tables).toHaveLength(ENTITIES.length);
    expect(tables.filter((table) => !(table in OWNERS))).toEqual([]);
  });

  it('should find the rules’ own targets, so that a renamed folder cannot make them pass by finding nothing', () => {
    const modules = new Set(files.map((file) => file.module));

    for (const owner of new Set(Object.values(OWNERS))) expect(modules).toContain(owner);
    expect(files.filter((file) => tablesTouched(file.text).length > 0).length).toBeGreaterThan(8);
  });
});
