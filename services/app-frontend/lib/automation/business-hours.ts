import {
  type BusinessHoursBody,
  type BusinessHoursDto,
  type OpeningInterval,
  WEEKDAYS,
  type Weekday,
  businessHoursSchema,
} from '@aerostic/shared';
import { zonedInputValues } from '@/lib/campaigns/campaign-time';
import { type DraftErrors, errorsOfIssues } from './rule-draft';

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  sunday: 'Sunday',
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
};

/** Monday first, as a week is read in an opening-hours table. */
export const WEEK_ORDER: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

export interface IntervalDraft extends OpeningInterval {
  id: number;
}

export interface HolidayDraft {
  id: number;
  date: string;
  name: string;
}

export interface BusinessHoursDraft {
  timeZone: string;
  weekly: Record<Weekday, IntervalDraft[]>;
  holidays: HolidayDraft[];
}

export type HoursSchedule = Pick<BusinessHoursDto, 'timeZone' | 'weekly' | 'holidays'>;

export function draftOfHours(hours: HoursSchedule): BusinessHoursDraft {
  let id = 0;
  const weekly = Object.fromEntries(
    WEEKDAYS.map((day) => [day, (hours.weekly[day] ?? []).map((i) => ({ id: id++, from: i.from, to: i.to }))]),
  ) as Record<Weekday, IntervalDraft[]>;
  return {
    timeZone: hours.timeZone,
    weekly,
    holidays: hours.holidays.map((h) => ({ id: id++, date: h.date, name: h.name ?? '' })),
  };
}

/** The next id free across every row of the draft. */
export function nextHoursId(draft: BusinessHoursDraft): number {
  const ids = [...Object.values(draft.weekly).flat(), ...draft.holidays].map((row) => row.id);
  return ids.length > 0 ? Math.max(...ids) + 1 : 0;
}

/** Every weekday from Monday to Friday given the same intervals as Monday. */
export function copyMondayToWeekdays(draft: BusinessHoursDraft): BusinessHoursDraft {
  let id = nextHoursId(draft);
  const monday = draft.weekly.monday;
  const weekly = { ...draft.weekly };
  for (const day of ['tuesday', 'wednesday', 'thursday', 'friday'] as const) {
    weekly[day] = monday.map((i) => ({ id: id++, from: i.from, to: i.to }));
  }
  return { ...draft, weekly };
}

export type HoursBodyResult = { ok: true; body: BusinessHoursBody } | { ok: false; errors: DraftErrors };

/** The body of `PUT /automation/business-hours`, checked by the schema the API uses (errors keyed by path). */
export function toHoursBody(draft: BusinessHoursDraft): HoursBodyResult {
  const input = {
    timeZone: draft.timeZone,
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, draft.weekly[day].map(({ from, to }) => ({ from, to }))])),
    holidays: draft.holidays.map((h) => ({ date: h.date, ...(h.name.trim() && { name: h.name.trim() }) })),
  };
  const parsed = businessHoursSchema.safeParse(input);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: errorsOfIssues(parsed.error.issues) };
}

/**
 * Whether the business is open at that instant on its own clock: not on a holiday, and inside one of the day's
 * intervals (`from` included, `to` excluded; `24:00` closes at midnight). A zone this runtime does not know: closed.
 */
export function isOpenAt(hours: HoursSchedule, instant: number): boolean {
  let wall: { date: string; time: string };
  try {
    wall = zonedInputValues(instant, hours.timeZone);
  } catch {
    return false;
  }
  if (hours.holidays.some((h) => h.date === wall.date)) return false;
  const [year, month, day] = wall.date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()]!;
  // HH:MM strings compare in clock order, and "24:00" after every time of the day.
  return (hours.weekly[weekday] ?? []).some((i) => i.from <= wall.time && wall.time < i.to);
}

/** "Closed", or "09:00–13:00, 14:00–18:00". */
export function describeDay(intervals: readonly OpeningInterval[]): string {
  return intervals.length === 0 ? 'Closed' : intervals.map((i) => `${i.from}–${i.to}`).join(', ');
}
