import { formatBytes, formatDateTime } from './format';

describe(formatBytes.name, () => {
  it('should count in KB and MB when the size passes each unit', () => {
    expect(formatBytes(800)).toBe('800 B');
    expect(formatBytes(500 * 1024)).toBe('500 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});

describe(formatDateTime.name, () => {
  it('should say UTC when the date is valid and the fallback when it is not', () => {
    expect(formatDateTime('2026-11-20T10:05:00Z')).toBe('20 Nov 2026, 10:05 UTC');
    expect(formatDateTime(null)).toBe('never');
    expect(formatDateTime('nonsense', 'unknown')).toBe('unknown');
  });
});
