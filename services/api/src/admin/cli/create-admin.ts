import 'reflect-metadata';
import { parseArgs } from 'node:util';
import {
  type CreatePlatformAdminInput,
  createPlatformAdminSchema,
  databaseEnvSchema,
  EnvError,
  fieldsOfIssues,
  parseEnv,
} from '@aerostic/shared';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../../audit-logs/audit-log.repository';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { PasswordService } from '../../auth/password.service';
import { dataSourceOptions } from '../../database/data-source-options';
import { Sql, Transactions } from '../../database/sql';
import { AdminEmailTakenError } from '../auth/admin-auth.errors';
import { PlatformAdminRepository } from '../auth/platform-admin.repository';
import { CreateAdminCommand } from './create-admin.command';

/*
 * `npm run admin:create -- --email E --password P [--name N]` (natively, and in the API's image:
 * `docker compose run --rm api npm run admin:create -- ...`). Needs only DATABASE_URL, and a migrated database.
 */

const USAGE = 'Usage: npm run admin:create -- --email <email> --password <password> [--name <name>]';
const MIGRATE =
  'run the migrations first: `npm run migrate`, or with Docker Compose `docker compose run --rm api npm run migrate` ' +
  '(starting the api service runs them too)';

/** A refusal the person at the shell can act on: printed alone, without a stack. */
class CommandError extends Error {}

function parseInput(argv: string[]): CreatePlatformAdminInput {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const parsed = createPlatformAdminSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = Object.entries(fieldsOfIssues(parsed.error.issues)).map(
    ([field, message]) => `  --${field}: ${message}`,
  );
  throw new CommandError(`No admin was created:\n${problems.join('\n')}\n${USAGE}`);
}

/** Where the database is, without its password. */
function locationOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

async function connect(databaseUrl: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  try {
    await dataSource.initialize();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000')
      throw new CommandError(`The database ${locationOf(databaseUrl)} does not exist yet: ${MIGRATE}.`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError(`Cannot reach PostgreSQL at ${locationOf(databaseUrl)} (DATABASE_URL): ${reason}`);
  }
  return dataSource;
}

async function main(argv: string[]): Promise<string> {
  const input = parseInput(argv);
  const { DATABASE_URL } = parseEnv(databaseEnvSchema);
  const dataSource = await connect(DATABASE_URL);
  try {
    // The schema belongs to the migrations, run by `npm run migrate` or the api's start: never half-done from here.
    if (await dataSource.showMigrations()) {
      throw new CommandError(`The database ${locationOf(DATABASE_URL)} is missing migrations: ${MIGRATE}.`);
    }
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

main(process.argv.slice(2)).then(
  (message) => process.stdout.write(`${message}\n`),
  (error: unknown) => {
    const known = error instanceof CommandError || error instanceof EnvError;
    process.stderr.write(`${known ? error.message : String((error as Error).stack ?? error)}\n`);
    process.exitCode = 1;
  },
);
