import { type Percentiles } from '@aerostic/shared';
import { type Row } from '../database/sql';

/** A numeric aggregate (sums come as `float8`, so that a bigint arrives as a number). */
export function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new TypeError(`Column ${column} should be a number, got ${typeof value}`);
  return value;
}

export function numOrNull(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : num(row, column);
}

/** The `<prefix>` column: the median and 90th percentile as `percentileColumn` answers them. */
export function percentiles(row: Row, prefix: string): Percentiles {
  const value = row[prefix];
  if (value === null || value === undefined) return { median: null, p90: null };
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`Column ${prefix} should be two percentiles`);
  const [median, p90] = value as unknown[];
  if (typeof median !== 'number' || typeof p90 !== 'number') throw new TypeError(`Column ${prefix} should be numbers`);
  return { median, p90 };
}

/** SQL: the median and 90th percentile of `seconds` over the rows `filter` keeps, in one sort, as `<prefix>`. */
export const percentileColumn = (prefix: string, filter: string): string =>
  `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE ${filter}) AS ${prefix}`;

/** SQL: the message figures of `message_stats` rows, summed, as numbers. */
export const MESSAGE_SUMS = `
  COALESCE(sum(messages) FILTER (WHERE direction = 'inbound'), 0)::float8 AS messages_in,
  COALESCE(sum(messages) FILTER (WHERE direction = 'outbound'), 0)::float8 AS messages_out,
  COALESCE(sum(delivered), 0)::float8 AS delivered,
  COALESCE(sum(read), 0)::float8 AS read,
  COALESCE(sum(failed), 0)::float8 AS failed,
  COALESCE(sum(meta_cost_micros), 0)::float8 AS meta_cost_micros`;

export interface MessageSums {
  messagesIn: number;
  messagesOut: number;
  delivered: number;
  read: number;
  failed: number;
  metaCostMicros: number;
}

export function decodeMessageSums(row: Row): MessageSums {
  return {
    messagesIn: num(row, 'messages_in'),
    messagesOut: num(row, 'messages_out'),
    delivered: num(row, 'delivered'),
    read: num(row, 'read'),
    failed: num(row, 'failed'),
    metaCostMicros: num(row, 'meta_cost_micros'),
  };
}
