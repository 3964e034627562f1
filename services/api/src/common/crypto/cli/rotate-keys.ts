import 'reflect-metadata';
import { keyRingFromEnv, keyRotationEnvSchema, parseEnv } from '@aerostic/shared';
import { CommandError, connectMigrated, parseFlags, runCommand } from '../../../database/cli';
import { Sql } from '../../../database/sql';
import { TenantScope } from '../../../database/tenant-scope';
import { SecretRotation } from '../secret-rotation';

/*
 * `npm run keys:rotate [-- --batch <n>]`: re-seals every stored secret with ENCRYPTION_KEY, opening the old ones with
 * ENCRYPTION_KEYS_OLD (docs/adr/0170). Run it again at will; once it reports nothing left, drop the old keys.
 */

const USAGE = 'Usage: npm run keys:rotate [-- --batch <rows per batch, 1 to 10000>]';

async function main(argv: string[]): Promise<string> {
  const { batch = '100' } = parseFlags(argv, ['batch'], USAGE);
  const size = Number(batch);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new CommandError(`Nothing was re-sealed:\n  --batch: must be a whole number from 1 to 10000\n${USAGE}`);
  }
  const env = parseEnv(keyRotationEnvSchema);
  const ring = keyRingFromEnv(env);
  const dataSource = await connectMigrated(env.DATABASE_URL, env.DATABASE_CA_FILE);
  try {
    const report = await new SecretRotation(new Sql(dataSource), ring).rotate(size);
    if (report.failed.length > 0) {
      const rows = report.failed.map((f) => `  ${f.table}.${f.column} of ${f.id}`).join('\n');
      throw new CommandError(
        `Re-sealed ${report.resealed} secrets with key ${ring.currentId}; ${report.failed.length} could not be opened ` +
          `by any key of ENCRYPTION_KEY and ENCRYPTION_KEYS_OLD (add the key that sealed them and run again):\n${rows}`,
      );
    }
    return `Re-sealed ${report.resealed} secrets with key ${ring.currentId}; every stored secret is sealed with it.`;
  } finally {
    await dataSource.destroy();
  }
}

// An operator's command works across workspaces (docs/adr/0204).
runCommand(TenantScope.acrossTenants('operator-command', () => main(process.argv.slice(2))));
