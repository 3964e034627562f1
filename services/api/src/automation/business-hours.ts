import { type OpeningInterval, type Weekday, WEEKDAYS } from '@aerostic/shared';
import { localTime, withinClock } from './local-time';

/** A workspace's opening hours as the rules read them. */
export interface BusinessHours {
  timeZone: string;
  weekly: Record<Weekday, OpeningInterval[]>;
  holidays: { date: string; name?: string }[];
}

/** What a workspace that never set its hours has: open around the clock, so an away rule never fires by surprise. */
export const ALWAYS_OPEN: Record<Weekday, OpeningInterval[]> = Object.fromEntries(
  WEEKDAYS.map((day) => [day, [{ from: '00:00', to: '24:00' }]]),
) as Record<Weekday, OpeningInterval[]>;

/** Whether the business is open at `instant`: not a holiday, and inside one of that weekday's intervals. */
export function isOpen(hours: BusinessHours, instant: Date): boolean {
  const local = localTime(instant, hours.timeZone);
  if (hours.holidays.some((h) => h.date === local.date)) return false;
  return hours.weekly[local.weekday].some((i) => withinClock(local.time, i.from, i.to));
}
