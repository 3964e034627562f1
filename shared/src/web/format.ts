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
