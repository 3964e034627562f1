import { WEEKDAYS, type Weekday } from '@aerostic/shared';
import {
  type HoursSchedule,
  copyMondayToWeekdays,
  describeDay,
  draftOfHours,
  isOpenAt,
  nextHoursId,
  toHoursBody,
} from './business-hours';

const closedWeek = (): Record<Weekday, Array<{ from: string; to: string }>> =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Record<Weekday, Array<{ from: string; to: string }>>;

function hours(overrides: Partial<HoursSchedule> = {}): HoursSchedule {
  const weekly = closedWeek();
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) {
    weekly[day] = [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ];
  }
  weekly.saturday = [{ from: '22:00', to: '24:00' }];
  return { timeZone: 'Europe/Lisbon', weekly, holidays: [], ...overrides };
}

describe(isOpenAt.name, () => {
  // 2026-07-15 is a Wednesday; Lisbon is on UTC+1 in summer.
  it.each([
    ['2026-07-15T08:00:00Z', true, 'at 09:00 local, the first minute of the day'],
    ['2026-07-15T07:59:00Z', false, 'a minute before opening'],
    ['2026-07-15T12:30:00Z', false, 'at lunch'],
    ['2026-07-15T16:59:00Z', true, 'in the last minute'],
    ['2026-07-15T17:00:00Z', false, 'at 18:00 local, when it closes'],
    ['2026-07-19T10:00:00Z', false, 'on a Sunday'],
    ['2026-07-18T22:59:00Z', true, 'on Saturday at 23:59 local, before a 24:00 close'],
    ['2026-07-18T23:00:00Z', false, 'just after midnight on Sunday'],
  ])('should answer %s → %p (%s)', (iso, open) => {
    expect(isOpenAt(hours(), Date.parse(iso))).toBe(open);
  });

  it('should read the weekday on the business’s clock, not UTC’s', () => {
    // Friday 23:30 in New York is already Saturday in UTC.
    const ny = hours({
      timeZone: 'America/New_York',
      weekly: { ...closedWeek(), friday: [{ from: '20:00', to: '24:00' }] },
    });
    expect(isOpenAt(ny, Date.parse('2026-07-18T03:30:00Z'))).toBe(true);
  });

  it('should be closed all day on a holiday of its own calendar', () => {
    const holiday = hours({ holidays: [{ date: '2026-07-15', name: 'Summer day' }] });
    expect(isOpenAt(holiday, Date.parse('2026-07-15T10:00:00Z'))).toBe(false);
    expect(isOpenAt(holiday, Date.parse('2026-07-16T10:00:00Z'))).toBe(true);
  });

  it('should be closed when the time zone is unknown', () => {
    expect(isOpenAt(hours({ timeZone: 'Mars/Olympus' }), Date.parse('2026-07-15T10:00:00Z'))).toBe(false);
  });
});

describe(toHoursBody.name, () => {
  it('should give back the schedule it was drafted from', () => {
    const schedule = hours({ holidays: [{ date: '2026-12-25', name: 'Christmas' }, { date: '2026-12-26' }] });
    expect(toHoursBody(draftOfHours(schedule))).toEqual({ ok: true, body: schedule });
  });

  it('should name the interval and the holiday that are wrong', () => {
    const draft = draftOfHours(hours());
    draft.weekly.tuesday[1] = { id: 99, from: '18:00', to: '14:00' };
    draft.holidays.push({ id: 100, date: '25/12/2026', name: '' });
    draft.timeZone = 'Lisbon';
    const result = toHoursBody(draft);
    expect(result).toEqual({
      ok: false,
      errors: {
        timeZone: 'timeZone must be an IANA time zone name, such as Europe/Lisbon or UTC',
        'weekly.tuesday.1': 'from must be before to',
        'holidays.0.date': 'holidays[].date must be a date as YYYY-MM-DD',
      },
    });
  });
});

describe(copyMondayToWeekdays.name, () => {
  it('should give Tuesday to Friday Monday’s intervals with new ids and leave the weekend alone', () => {
    const draft = draftOfHours(hours());
    draft.weekly.monday = [{ id: 50, from: '08:00', to: '12:00' }];
    const copied = copyMondayToWeekdays(draft);
    expect(copied.weekly.tuesday).toEqual([{ id: 51, from: '08:00', to: '12:00' }]);
    expect(copied.weekly.friday).toEqual([{ id: 54, from: '08:00', to: '12:00' }]);
    expect(copied.weekly.saturday).toBe(draft.weekly.saturday);
    const ids = Object.values(copied.weekly)
      .flat()
      .map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(nextHoursId(copied)).toBe(Math.max(...ids) + 1);
  });
});

describe(describeDay.name, () => {
  it('should say closed, or list the intervals', () => {
    expect(describeDay([])).toBe('Closed');
    expect(describeDay(hours().weekly.monday)).toBe('09:00–13:00, 14:00–18:00');
  });
});
