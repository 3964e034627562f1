import { escapeLike, type SqlParams } from '../database/sql-text';

/** How the inbox and the contact list match a search text against contacts. */
export interface ContactSearch {
  /** The SQL condition on the contacts table under `alias`. */
  condition(alias: string): string;
  /**
   * Whether contacts_search_idx can find the matches: a trigram index needs three letters or digits in a row.
   * A shorter text matches most contacts, so reading in page order and filtering is the cheap way.
   */
  indexed: boolean;
}

const TRIGRAM = /[\p{L}\p{N}]{3}/u;

/**
 * Part of the name, profile name or username in any case; part of the number only when the text looks like one, so
 * that "Bob 2" does not match every number with a 2.
 */
export function contactSearch(search: string, params: SqlParams): ContactSearch {
  const pattern = params.add(`%${escapeLike(search)}%`);
  const digits = /^[+\d\s().-]+$/.test(search) ? search.replace(/\D/g, '') : '';
  const number = digits === '' ? null : params.add(`%${digits}%`);
  return {
    condition: (a) =>
      `(${a}.name ILIKE ${pattern} OR ${a}.profile_name ILIKE ${pattern} OR ${a}.username ILIKE ${pattern}` +
      `${number ? ` OR ${a}.wa_id LIKE ${number}` : ''})`,
    indexed: TRIGRAM.test(search) && (digits === '' || digits.length >= 3),
  };
}
