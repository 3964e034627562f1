import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses and plans it once per pooled connection
 * instead of at every call. For the inbound write (a statement of five steps, run for every batch of webhooks),
 * parsing and planning were about a third of the database's CPU per message. TypeORM's `query()` cannot name a
 * statement, so this uses its pg pool directly; TypeORM's query logger does not see these statements and their
 * errors arrive as pg's `DatabaseError` rather than TypeORM's `QueryFailedError`.
 *
 * `name` must identify `text` for the life of the process: pg refuses the same name with another text.
 */
export async function preparedQuery<R extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<R>({ name, text, values: [...values] });
  return result.rows;
}
