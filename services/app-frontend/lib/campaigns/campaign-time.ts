/**
 * Campaign times are read and written in the workspace's time zone (the tenant setting), whatever the zone of the
 * server that renders the page or of the browser that fills the form.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True for a zone name this runtime knows (`Europe/Lisbon`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "12 Mar 2026, 14:30" in the zone; `empty` for a missing or unreadable date. */
export function formatInTimeZone(iso: string | null | undefined, timeZone: string, empty = '—'): string {
  if (!iso) return empty;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? empty : formatter(timeZone).format(date);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockAt(instant: number, timeZone: string): WallClock {
  let parts = partsFormatters.get(timeZone);
  if (!parts) {
    parts = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      timeZone,
    });
    partsFormatters.set(timeZone, parts);
  }
  const read = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(instant).find((p) => p.type === type)?.value);
  return { year: read('year'), month: read('month'), day: read('day'), hour: read('hour'), minute: read('minute') };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds (whole minutes). */
export function timeZoneOffsetMs(instant: number, timeZone: string): number {
  const wall = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_INPUT = /^(\d{2}):(\d{2})$/;

export type ZonedResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * The instant a date (`2026-03-29`) and time (`14:30`) name on the zone's wall clock, as an ISO string in UTC.
 * A time the clocks skip when they go forward does not exist and is refused; a repeated one is its first pass.
 */
export function zonedDateTimeToIso(date: string, time: string, timeZone: string): ZonedResult {
  const d = DATE_INPUT.exec(date);
  if (!d) return { ok: false, message: 'Enter a date' };
  const t = TIME_INPUT.exec(time);
  if (!t) return { ok: false, message: 'Enter a time' };
  const wall: WallClock = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
  };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (new Date(asUtc).getUTCDate() !== wall.day || wall.hour > 23 || wall.minute > 59) {
    return { ok: false, message: 'Enter a real date and time' };
  }
  // The offset on either side of the wall time covers a change of offset during that day.
  const candidates = [...new Set([asUtc - 86_400_000, asUtc + 86_400_000].map((i) => timeZoneOffsetMs(i, timeZone)))]
    .map((offset) => asUtc - offset)
    .filter((instant) => sameWallClock(wallClockAt(instant, timeZone), wall))
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    return { ok: false, message: `${time} does not exist on ${date} in ${timeZone}: the clocks go forward` };
  }
  return { ok: true, iso: new Date(candidates[0]!).toISOString() };
}

function sameWallClock(a: WallClock, b: WallClock): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** The `<input type="date">` and `<input type="time">` values of an instant on the zone's wall clock. */
export function zonedInputValues(instant: number, timeZone: string): { date: string; time: string } {
  const wall = wallClockAt(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** "UTC+01:00" for the zone at that instant, so a reader sees which clock a time is on. */
export function formatUtcOffset(instant: number, timeZone: string): string {
  const minutes = Math.round(timeZoneOffsetMs(instant, timeZone) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
