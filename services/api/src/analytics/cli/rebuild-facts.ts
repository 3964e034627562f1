import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { analyticsQuerySchema, databaseEnvSchema, EnvError, fieldsOfIssues, parseEnv } from '@aerostic/shared';
import { DataSource } from 'typeorm';
import { ConversationFactsRepository } from '../../conversations/conversation-facts.repository';
import { ConversationFactsService } from '../../conversations/conversation-facts.service';
import { dataSourceOptions } from '../../database/data-source-options';
import { Sql, Transactions } from '../../database/sql';
import { TenantScope } from '../../database/tenant-scope';

/*
 * `npm run analytics:rebuild-facts -- --from YYYY-MM-DD --to YYYY-MM-DD [--tenant UUID]`: recomputes the conversation
 * facts of a day range (each tenant's days in its time zone) from conversations and messages (docs/adr/0130).
 * Idempotent: running it twice leaves the same facts. Needs only DATABASE_URL, and a migrated database.
 */

const USAGE = 'Usage: npm run analytics:rebuild-facts -- --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--tenant <uuid>]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refusal the person at the shell can act on: printed alone, without a stack. */
class CommandError extends Error {}

function parseInput(argv: string[]): { tenantId: string | null; from: string; to: string } {
  let values: { from?: string; to?: string; tenant?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, tenant: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const problems: string[] = [];
  const range = analyticsQuerySchema.safeParse({ from: values.from, to: values.to });
  if (!range.success)
    for (const [field, message] of Object.entries(fieldsOfIssues(range.error.issues)))
      problems.push(`  --${field}: ${message}`);
  if (values.tenant !== undefined && !UUID.test(values.tenant)) problems.push('  --tenant: tenant must be a UUID');
  if (!range.success || problems.length > 0)
    throw new CommandError(`Nothing was rebuilt:\n${problems.join('\n')}\n${USAGE}`);
  return { tenantId: values.tenant ?? null, from: range.data.from, to: range.data.to };
}

async function main(argv: string[]): Promise<string> {
  const input = parseInput(argv);
  const { DATABASE_URL, DATABASE_CA_FILE } = parseEnv(databaseEnvSchema);
  const dataSource = new DataSource(dataSourceOptions(DATABASE_URL, DATABASE_CA_FILE));
  await dataSource.initialize();
  try {
    if (await dataSource.showMigrations())
      throw new CommandError('The database is missing migrations: run `npm run migrate` first.');
    const facts = new ConversationFactsService(
      new ConversationFactsRepository(new Sql(dataSource)),
      new Transactions(dataSource),
    );
    const count = await facts.rebuild(input);
    const who = input.tenantId ? `tenant ${input.tenantId}` : 'every tenant';
    return `Rebuilt the conversation facts of ${who} from ${input.from} to ${input.to}: ${count} facts.`;
  } finally {
    await dataSource.destroy();
  }
}

// An operator's command works across workspaces (docs/adr/0204).
TenantScope.acrossTenants('operator-command', () => main(process.argv.slice(2))).then(
  (message) => process.stdout.write(`${message}\n`),
  (error: unknown) => {
    const known = error instanceof CommandError || error instanceof EnvError;
    process.stderr.write(`${known ? error.message : String((error as Error).stack ?? error)}\n`);
    process.exitCode = 1;
  },
);
