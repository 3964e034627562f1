import { postgresConnection } from '@aerostic/shared/node';
import { type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

/** One definition of the connection, used by the API, the migration runner and the tests. */
export function dataSourceOptions(databaseUrl: string, caFile?: string): DataSourceOptions {
  // sslmode and the CA are read here, with libpq's meaning; the URL handed on carries neither.
  const { connectionString, ssl } = postgresConnection(databaseUrl, caFile);
  return {
    type: 'postgres',
    url: connectionString,
    ssl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    // The schema is owned by migrations only.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: 32, connectionTimeoutMillis: 5000 },
  };
}
