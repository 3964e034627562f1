import 'reflect-metadata';
import {
  type CreatePlatformAdminInput,
  createPlatformAdminSchema,
  databaseEnvSchema,
  fieldsOfIssues,
  parseEnv,
} from '@aerostic/shared';
import { AuditLogRepository } from '../../audit-logs/audit-log.repository';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { PasswordService } from '../../auth/password.service';
import { CommandError, connectMigrated, parseFlags, runCommand } from '../../database/cli';
import { Sql, Transactions } from '../../database/sql';
import { TenantScope } from '../../database/tenant-scope';
import { AdminEmailTakenError } from '../auth/admin-auth.errors';
import { PlatformAdminRepository } from '../auth/platform-admin.repository';
import { CreateAdminCommand } from './create-admin.command';

/*
 * `npm run admin:create -- --email E --password P [--name N]` (natively, and in the API's image:
 * `docker compose run --rm api npm run admin:create -- ...`). Needs only DATABASE_URL, and a migrated database.
 */

const USAGE = 'Usage: npm run admin:create -- --email <email> --password <password> [--name <name>]';

function parseInput(argv: string[]): CreatePlatformAdminInput {
  const values = parseFlags(argv, ['email', 'password', 'name'], USAGE);
  const parsed = createPlatformAdminSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = Object.entries(fieldsOfIssues(parsed.error.issues)).map(
    ([field, message]) => `  --${field}: ${message}`,
  );
  throw new CommandError(`No admin was created:\n${problems.join('\n')}\n${USAGE}`);
}

async function main(argv: string[]): Promise<string> {
  const input = parseInput(argv);
  const { DATABASE_URL, DATABASE_CA_FILE } = parseEnv(databaseEnvSchema);
  const dataSource = await connectMigrated(DATABASE_URL, DATABASE_CA_FILE);
  try {
    const sql = new Sql(dataSource);
    const command = new CreateAdminCommand(
      new Transactions(dataSource),
      new PlatformAdminRepository(sql),
      new AuditLogsService(new AuditLogRepository(sql)),
      new PasswordService(),
    );
    const admin = await command.run(input);
    return (
      `Created super admin ${admin.email} (${admin.id}). ` +
      'Sign in to the admin panel; it will ask you to enrol an authenticator app.'
    );
  } catch (error) {
    if (error instanceof AdminEmailTakenError) {
      throw new CommandError(`A platform admin with the email ${input.email} already exists: nothing was created.`);
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

// An operator's command works across workspaces (docs/adr/0204).
runCommand(TenantScope.acrossTenants('operator-command', () => main(process.argv.slice(2))));
