import {
  formatInTimeZone,
  formatUtcOffset,
  isKnownTimeZone,
  timeZoneOffsetMs,
  zonedDateTimeToIso,
  zonedInputValues,
} from './campaign-time';

describe('campaign times in the workspace time zone', () => {
  it('should format an instant on the zone’s wall clock', () => {
    expect(formatInTimeZone('2026-07-01T12:00:00Z', 'Europe/Lisbon')).toBe('1 Jul 2026, 13:00');
    expect(formatInTimeZone('2026-07-01T12:00:00Z', 'America/New_York')).toBe('1 Jul 2026, 08:00');
    expect(formatInTimeZone('2026-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('1 Jul 2026, 17:30');
    expect(formatInTimeZone('2026-07-01T23:30:00Z', 'UTC')).toBe('1 Jul 2026, 23:30');
  });

  it('should show the empty text for a missing or unreadable date', () => {
    expect(formatInTimeZone(null, 'UTC')).toBe('—');
    expect(formatInTimeZone('not a date', 'UTC', 'never')).toBe('never');
  });

  it('should tell known zone names from unknown ones', () => {
    expect(isKnownTimeZone('Europe/Lisbon')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('should read the offset of a zone in summer and in winter', () => {
    expect(timeZoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Lisbon')).toBe(0);
    expect(timeZoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Lisbon')).toBe(3_600_000);
    expect(timeZoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/Los_Angeles')).toBe(-7 * 3_600_000);
    expect(formatUtcOffset(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(formatUtcOffset(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe('UTC−05:00');
  });

  it('should turn a date and time typed in the zone into the instant it names', () => {
    expect(zonedDateTimeToIso('2026-07-01', '09:15', 'Europe/Lisbon')).toEqual({
      ok: true,
      iso: '2026-07-01T08:15:00.000Z',
    });
    expect(zonedDateTimeToIso('2026-01-10', '09:15', 'America/New_York')).toEqual({
      ok: true,
      iso: '2026-01-10T14:15:00.000Z',
    });
    expect(zonedDateTimeToIso('2026-12-31', '23:59', 'Pacific/Kiritimati')).toEqual({
      ok: true,
      iso: '2026-12-31T09:59:00.000Z',
    });
  });

  it('should refuse a time the clocks skip when they go forward', () => {
    const result = zonedDateTimeToIso('2026-03-29', '01:30', 'Europe/Lisbon');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('does not exist') });
    // Either side of the gap exists.
    expect(zonedDateTimeToIso('2026-03-29', '00:59', 'Europe/Lisbon')).toEqual({
      ok: true,
      iso: '2026-03-29T00:59:00.000Z',
    });
    expect(zonedDateTimeToIso('2026-03-29', '02:00', 'Europe/Lisbon')).toEqual({
      ok: true,
      iso: '2026-03-29T01:00:00.000Z',
    });
  });

  it('should take the first pass of a time the clocks repeat when they go back', () => {
    expect(zonedDateTimeToIso('2026-10-25', '01:30', 'Europe/Lisbon')).toEqual({
      ok: true,
      iso: '2026-10-25T00:30:00.000Z',
    });
  });

  it('should refuse what is not a date or a time', () => {
    expect(zonedDateTimeToIso('', '10:00', 'UTC')).toEqual({ ok: false, message: 'Enter a date' });
    expect(zonedDateTimeToIso('2026-02-01', '', 'UTC')).toEqual({ ok: false, message: 'Enter a time' });
    expect(zonedDateTimeToIso('2026-02-30', '10:00', 'UTC')).toEqual({
      ok: false,
      message: 'Enter a real date and time',
    });
    expect(zonedDateTimeToIso('2026-02-01', '25:00', 'UTC')).toEqual({
      ok: false,
      message: 'Enter a real date and time',
    });
  });

  it('should give the form’s date and time of an instant, and read them back to the same instant', () => {
    const instant = Date.parse('2026-11-02T03:05:00Z');
    const values = zonedInputValues(instant, 'America/Sao_Paulo');
    expect(values).toEqual({ date: '2026-11-02', time: '00:05' });
    expect(zonedDateTimeToIso(values.date, values.time, 'America/Sao_Paulo')).toEqual({
      ok: true,
      iso: '2026-11-02T03:05:00.000Z',
    });
  });
});
