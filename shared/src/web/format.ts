// Dates render on the server, whose time zone is not the reader's: say UTC rather than guess.
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export function formatDateTime(iso: string | null | undefined, empty = 'never'): string {
  if (!iso) return empty;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? empty : `${DATE_TIME.format(date)} UTC`;
}

const MICROS_PER_UNIT = 1_000_000;

/**
 * "99.5" (a decimal amount of a currency's major unit) → 99,500,000 micros, read from the text so that no binary
 * rounding creeps in; digits past the sixth decimal are dropped. The caller checks the text's shape first.
 */
export function decimalToMicros(text: string): number {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(6, '0').slice(0, 6));
}
