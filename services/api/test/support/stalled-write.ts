import { DataSource } from 'typeorm';
import { eventually } from './eventually';
import { type TestApp } from './test-app';

export interface StalledWrite<T> {
  /** A statement (and its parameters) with which another transaction takes what the write will need. */
  hold: [sql: string, params: unknown[]];
  /** Starts the write; it blocks on what `hold` took, after its statement has taken its snapshot. */
  write: () => Promise<T>;
  /** A piece of the blocked statement's text, to see it waiting in `pg_stat_activity`. */
  waitsIn: string;
  /** What happens while the write waits, uncommitted. */
  meanwhile: () => Promise<void>;
}

/**
 * Makes two writes overlap for certain: `write` runs while another transaction holds what it needs, so it waits
 * uncommitted (as a slow write would) while `meanwhile` runs; then the holder rolls back and the write finishes.
 */
export async function stalledWrite<T>(t: TestApp, { hold, write, waitsIn, meanwhile }: StalledWrite<T>): Promise<T> {
  const holder = t.app.get(DataSource).createQueryRunner();
  await holder.connect();
  let writing: Promise<T>;
  try {
    await holder.startTransaction();
    await holder.query(...hold);
    writing = write();
    await eventually(
      () =>
        t.sql(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
          [waitsIn],
        ),
      (waiting) => waiting.length === 1,
    );
    await meanwhile();
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  return writing;
}
