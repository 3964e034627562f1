import { aPlan } from './billing-builders.test-support';
import {
  barWidth,
  categoryLabel,
  daysUntil,
  formatMicros,
  formatMinor,
  formatPeriod,
  formatPlanPrice,
  microsToDollars,
  monthRange,
  percentUsed,
  planDirection,
} from './billing-format';

describe(formatMinor.name, () => {
  it.each([
    [123450, 'USD', '$1,234.50'],
    [900, 'EUR', '€9.00'],
    [79900, 'INR', '₹799.00'],
    [4990, 'BRL', 'R$49.90'],
    [5, 'GBP', '£0.05'],
    [0, 'USD', '$0.00'],
  ])('should say %p minor units of %s as %p', (minor, currency, said) => {
    expect(formatMinor(minor, currency)).toBe(said);
  });
});

describe(formatMicros.name, () => {
  it.each([
    [10_700, '$0.0107'],
    [12_350_000, '$12.35'],
    [3_141_593, '$3.1416'],
    [0, '$0.00'],
    [1_500_000_000, '$1,500.00'],
  ])('should say %p micros as %p', (micros, said) => {
    expect(formatMicros(micros)).toBe(said);
  });
});

describe(percentUsed.name, () => {
  it('should round to whole percent, go past 100 when over, and say null when unlimited', () => {
    expect(percentUsed(2, 3)).toBe(67);
    expect(percentUsed(1200, 1000)).toBe(120);
    expect(percentUsed(5, null)).toBeNull();
    expect(percentUsed(0, 0)).toBe(0);
    expect(percentUsed(1, 0)).toBe(100);
  });

  it('should keep a bar inside its track', () => {
    expect(barWidth(120)).toBe(100);
    expect(barWidth(-3)).toBe(0);
    expect(barWidth(42)).toBe(42);
  });
});

describe(daysUntil.name, () => {
  const now = Date.parse('2026-12-07T12:00:00Z');

  it('should count a part of a day as a day and stop at zero', () => {
    expect(daysUntil('2026-12-21T12:00:00Z', now)).toBe(14);
    expect(daysUntil('2026-12-08T00:00:00Z', now)).toBe(1);
    expect(daysUntil('2026-12-01T00:00:00Z', now)).toBe(0);
  });
});

describe(monthRange.name, () => {
  it('should give the month on the workspace’s clock, not UTC’s', () => {
    // 1 Jan 2027 03:00 in UTC is still 31 Dec 2026 in New York.
    const instant = Date.parse('2027-01-01T03:00:00Z');
    expect(monthRange('America/New_York', instant)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('UTC', instant)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });

  it('should end February on the 29th in a leap year', () => {
    expect(monthRange('UTC', Date.parse('2028-02-10T00:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe(formatPeriod.name, () => {
  it('should say the first and last day with the year once', () => {
    expect(formatPeriod('2026-12-01T00:00:00Z', '2026-12-31T23:59:59Z')).toBe('1 Dec – 31 Dec 2026');
    expect(formatPeriod('2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe('1 Dec 2026 – 1 Jan 2027');
  });
});

describe(formatPlanPrice.name, () => {
  it('should price the plan in the asked currency, say Free at zero and null without a price', () => {
    const plan = aPlan({
      prices: [
        { currency: 'USD', monthlyMinor: 4900, overageMinor: aPlan().prices[0]!.overageMinor },
        { currency: 'EUR', monthlyMinor: 0, overageMinor: aPlan().prices[0]!.overageMinor },
      ],
    });
    expect(formatPlanPrice(plan, 'USD')).toBe('$49.00 / month');
    expect(formatPlanPrice(plan, 'EUR')).toBe('Free');
    expect(formatPlanPrice(plan, 'GBP')).toBeNull();
  });
});

describe(planDirection.name, () => {
  const free = aPlan({ id: 'free', sortOrder: 0, monthlyMinor: 0 });
  const growth = aPlan({ id: 'growth', sortOrder: 2, monthlyMinor: 9900 });

  it('should call a dearer plan an upgrade and a cheaper one a downgrade', () => {
    expect(planDirection(free, growth, 'USD')).toBe('upgrade');
    expect(planDirection(growth, free, 'USD')).toBe('downgrade');
    expect(planDirection(growth, growth, 'USD')).toBe('current');
  });

  it('should follow the plans’ order when the prices are equal', () => {
    const twin = aPlan({ id: 'twin', sortOrder: 3, monthlyMinor: 9900 });
    expect(planDirection(growth, twin, 'USD')).toBe('upgrade');
  });
});

describe(categoryLabel.name, () => {
  it('should read Meta’s category codes as words', () => {
    expect(categoryLabel('authentication_international')).toBe('Authentication international');
    expect(categoryLabel('MARKETING')).toBe('Marketing');
  });
});

describe(microsToDollars.name, () => {
  it('should write micros back with cents', () => {
    expect(microsToDollars(99_500_000)).toBe('99.50');
  });
});
