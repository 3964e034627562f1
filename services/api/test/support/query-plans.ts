import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { type TestApp } from './test-app';

const SEED_FILE = join(__dirname, '../../../../bench/inbox-read/seed.sql');

/** What `bench/inbox-read/seed.sql` puts in an existing workspace. */
export interface InboxSeed {
  tenantId: string;
  contacts: number;
  messages: number;
  agents: number;
  /** Messages are spread over this many days before now. */
  days: number;
}

/** Fills workspaces with realistic inbox histories, then refreshes the planner's statistics. */
export async function seedInboxes(t: TestApp, seeds: readonly InboxSeed[]): Promise<void> {
  // The procedure lives in pg_temp: defined and called on one connection.
  const seeder = new Client({ connectionString: t.ownerDatabaseUrl });
  await seeder.connect();
  try {
    await seeder.query(await readFile(SEED_FILE, 'utf8'));
    for (const seed of seeds) {
      await seeder.query('CALL pg_temp.seed_inbox($1, $2, $3, $4, $5)', [
        seed.tenantId,
        seed.contacts,
        seed.messages,
        seed.agents,
        seed.days,
      ]);
    }
    await seeder.query('VACUUM ANALYZE tenants, contacts, conversations, messages');
  } finally {
    await seeder.end();
  }
}

/** A statement as the `pg` driver received it. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** The part of an `EXPLAIN (FORMAT JSON)` node the plan tests read; InitPlans and SubPlans are among `Plans`. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

export const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').slice(0, 200);

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

/** The plan's nodes (InitPlans and SubPlans included) that read one of `tables`. */
export async function tableScans<T extends string>(
  explainer: Client,
  statement: Statement,
  tables: readonly T[],
): Promise<{ relation: T; node: PlanNode }[]> {
  const { rows } = await explainer.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  const scans: { relation: T; node: PlanNode }[] = [];
  for (const node of nodes(rows[0]!['QUERY PLAN'][0].Plan)) {
    const relation = tables.find((table) => table === node['Relation Name']);
    if (relation) scans.push({ relation, node });
  }
  return scans;
}

/** A statement as `Client.prototype.query` receives it: text and values, or a config object (named or not). */
function readStatement(config: unknown, values: unknown): Statement | null {
  const asConfig =
    typeof config === 'object' && config !== null ? (config as { text?: unknown; values?: unknown }) : {};
  const text = typeof config === 'string' ? config : asConfig.text;
  if (typeof text !== 'string' || !/^\s*(SELECT|WITH)\b/i.test(text)) return null;
  const given = Array.isArray(values) ? values : asConfig.values;
  return { text, values: Array.isArray(given) ? [...given] : [] };
}

/** The SELECT and WITH statements any `pg` client sends while `work` runs: the driver observed, nothing mocked. */
export async function capture(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = Client.prototype.query;
  const recording = function (this: Client, ...args: unknown[]): unknown {
    const statement = readStatement(args[0], args[1]);
    if (statement) statements.push(statement);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = recording as typeof original;
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return statements;
}
