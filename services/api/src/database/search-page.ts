/**
 * Above this many matches a search reads in page order and keeps the matching rows: they are then dense enough to
 * fill a page within a few thousand rows, fewer than looking up every match and sorting them.
 */
export const MANY_MATCHES = 2000;

/** The two ways to a page of search results; each puts `gate` in its WHERE and ends with its ORDER BY and LIMIT. */
export interface SearchPlans {
  /** The ids of the matching rows through an index, without ORDER BY or LIMIT; the other plans see it as `matched`. */
  matched: string;
  /** Reads in page order with the match as a per-row filter. */
  dense: (gate: string) => string;
  /** Looks up the rows of `matched` and keeps the first page of them. */
  sparse: (gate: string) => string;
}

/**
 * Both plans of a search page in one statement, so that a common term is not read match by match and a rare one not
 * searched for row by row: PostgreSQL runs only the branch whose one-time filter holds.
 */
export function searchPage(plans: SearchPlans): string {
  const found = '(SELECT count(*) FROM matched)';
  return `WITH matched AS MATERIALIZED (${plans.matched} LIMIT ${MANY_MATCHES + 1})
    (${plans.dense(`${found} > ${MANY_MATCHES}`)})
    UNION ALL
    (${plans.sparse(`${found} <= ${MANY_MATCHES}`)})`;
}

/**
 * The rows of `table` whose `column` equals `value`, one index lookup per outer row whatever the statistics say:
 * OFFSET 0 keeps the planner from turning the lookups into a join that reads the whole table.
 */
export function lookup(table: string, column: string, value: string): string {
  return `SELECT * FROM ${table} x WHERE x.${column} = ${value} OFFSET 0`;
}
