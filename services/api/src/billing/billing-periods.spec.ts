import { addMonth, prorationMinor } from './billing-periods';

describe(addMonth.name, () => {
  it('should move to the same day and time of the next month', () => {
    expect(addMonth(new Date('2026-03-15T10:30:00Z')).toISOString()).toBe('2026-04-15T10:30:00.000Z');
  });

  it('should clamp to the last day of a shorter month, and cross the year', () => {
    expect(addMonth(new Date('2026-01-31T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonth(new Date('2028-01-31T00:00:00Z')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addMonth(new Date('2026-12-20T00:00:00Z')).toISOString()).toBe('2027-01-20T00:00:00.000Z');
  });
});

describe(prorationMinor.name, () => {
  const period = { start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') };

  it('should charge the price difference for the part of the period still to come', () => {
    // 20 of 30 days left: (14,900 − 4,900) × 2/3 = 6,666.67.
    expect(prorationMinor(4900, 14_900, period, new Date('2026-04-11T00:00:00Z'))).toBe(6667);
  });

  it('should charge the whole difference at the start and nothing at the end', () => {
    expect(prorationMinor(0, 4900, period, period.start)).toBe(4900);
    expect(prorationMinor(0, 4900, period, period.end)).toBe(0);
  });
});
