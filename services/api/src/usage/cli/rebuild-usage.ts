import 'reflect-metadata';
import { databaseEnvSchema, fieldsOfIssues, parseEnv, usageQuerySchema } from '@aerostic/shared';
import { z } from 'zod';
import { CommandError, connectMigrated, parseFlags, runCommand } from '../../database/cli';
import { Sql, Transactions } from '../../database/sql';
import { TenantScope } from '../../database/tenant-scope';
import { UsageRebuildService } from '../usage-rebuild.service';
import { UsageStatsRepository } from '../usage-stats.repository';

/*
 * `npm run usage:rebuild -- --from YYYY-MM-DD --to YYYY-MM-DD [--tenant <id>]`: recomputes the daily message rollups
 * of one tenant (or all) from `messages`, one transaction per tenant and day (docs/adr/0127). Run it again at will.
 */

const USAGE = 'Usage: npm run usage:rebuild -- --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--tenant <tenant id>]';

const inputSchema = z.object({
  range: usageQuerySchema,
  tenant: z.uuid({ error: 'tenant must be a workspace id (a UUID)' }).optional(),
});

function parseInput(argv: string[]): z.infer<typeof inputSchema> {
  const values = parseFlags(argv, ['from', 'to', 'tenant'], USAGE);
  const { from, to, tenant } = values;
  const parsed = inputSchema.safeParse({ range: { from, to }, tenant });
  if (parsed.success) return parsed.data;
  const problems = Object.entries(fieldsOfIssues(parsed.error.issues)).map(
    ([field, message]) => `  --${field.replace(/^range\./, '')}: ${message}`,
  );
  throw new CommandError(`Nothing was rebuilt:\n${problems.join('\n')}\n${USAGE}`);
}

async function main(argv: string[]): Promise<string> {
  const { range, tenant } = parseInput(argv);
  const { DATABASE_URL, DATABASE_CA_FILE } = parseEnv(databaseEnvSchema);
  const dataSource = await connectMigrated(DATABASE_URL, DATABASE_CA_FILE);
  try {
    const rebuild = new UsageRebuildService(
      new UsageStatsRepository(new Sql(dataSource)),
      new Transactions(dataSource),
    );
    const days = await rebuild.rebuild(tenant ?? null, range.from, range.to);
    return `Rebuilt ${days} workspace-days of usage (${range.from} to ${range.to}, ${tenant ?? 'every workspace'}).`;
  } finally {
    await dataSource.destroy();
  }
}

// An operator's command works across workspaces (docs/adr/0204).
runCommand(TenantScope.acrossTenants('operator-command', () => main(process.argv.slice(2))));
