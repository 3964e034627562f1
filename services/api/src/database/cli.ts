import { parseArgs } from 'node:util';
import { EnvError } from '@aerostic/shared';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** A refusal the person at the shell can act on: printed alone, without a stack. */
export class CommandError extends Error {}

const MIGRATE =
  'run the migrations first: `npm run migrate`, or with Docker Compose `docker compose run --rm api npm run migrate` ' +
  '(in production the one-shot migrate service runs them before the api starts)';

/** A command's `--name value` flags; an unknown flag or a stray argument is refused with the usage line. */
export function parseFlags(
  argv: string[],
  names: readonly string[],
  usage: string,
): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** Where the database is, without its password. */
function locationOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * A command's connection to a migrated database; refuses in words the person at the shell can act on. The schema
 * belongs to the migrations, run by `npm run migrate` or the api's start: never half-done from a command.
 */
export async function connectMigrated(databaseUrl: string, caFile?: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, caFile));
  try {
    await dataSource.initialize();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000')
      throw new CommandError(`The database ${locationOf(databaseUrl)} does not exist yet: ${MIGRATE}.`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError(`Cannot reach PostgreSQL at ${locationOf(databaseUrl)} (DATABASE_URL): ${reason}`);
  }
  const pending = await dataSource.showMigrations().catch(async (error: unknown) => {
    // The API's role may not create the migrations table that an unmigrated database lacks.
    if ((error as { code?: string }).code === '42501') return true;
    await dataSource.destroy();
    throw error;
  });
  if (pending) {
    await dataSource.destroy();
    throw new CommandError(`The database ${locationOf(databaseUrl)} is missing migrations: ${MIGRATE}.`);
  }
  return dataSource;
}

/** Runs a command's `main`: its answer on stdout, a known refusal alone on stderr, anything else with its stack. */
export function runCommand(main: Promise<string>): void {
  main.then(
    (message) => process.stdout.write(`${message}\n`),
    (error: unknown) => {
      const known = error instanceof CommandError || error instanceof EnvError;
      process.stderr.write(`${known ? error.message : String((error as Error).stack ?? error)}\n`);
      process.exitCode = 1;
    },
  );
}
