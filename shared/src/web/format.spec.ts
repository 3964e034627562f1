import { formatDateTime } from './format';

describe(formatDateTime.name, () => {
  it('should say UTC when the date is valid and the fallback when it is not', () => {
    expect(formatDateTime('2026-11-20T10:05:00Z')).toBe('20 Nov 2026, 10:05 UTC');
    expect(formatDateTime(null)).toBe('never');
    expect(formatDateTime('nonsense', 'unknown')).toBe('unknown');
  });
});
