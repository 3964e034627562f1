import { type Weekday, WEEKDAYS } from '@aerostic/shared';

/** An instant as a business in a time zone sees it. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
  /** 0 = Sunday … 6 = Saturday. */
  day: number;
  /** `HH:MM`, 24 h. */
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatOf(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const day = SHORT_DAYS.indexOf(parts['weekday'] ?? '');
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday: WEEKDAYS[day]!,
    day,
    time: `${parts['hour']}:${parts['minute']}`,
  };
}

/** Whether `time` falls in [from, to); `from` later than `to` spans midnight, `24:00` is the end of the day. */
export function withinClock(time: string, from: string, to: string): boolean {
  return from <= to ? time >= from && time < to : time >= from || time < to;
}
