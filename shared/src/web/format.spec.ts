import { decimalToMicros, formatDateTime } from './format';

describe(formatDateTime.name, () => {
  it('should say UTC when the date is valid and the fallback when it is not', () => {
    expect(formatDateTime('2026-11-20T10:05:00Z')).toBe('20 Nov 2026, 10:05 UTC');
    expect(formatDateTime(null)).toBe('never');
    expect(formatDateTime('nonsense', 'unknown')).toBe('unknown');
  });
});

describe(decimalToMicros.name, () => {
  it.each([
    ['250', 250_000_000],
    ['99.5', 99_500_000],
    ['0.0107', 10_700],
    ['0.000001', 1],
    [' 12.34 ', 12_340_000],
  ])('should read %p as %p micros', (text, micros) => {
    expect(decimalToMicros(text)).toBe(micros);
  });
});
