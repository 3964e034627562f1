import { formatBytes } from './format';

describe(formatBytes.name, () => {
  it('should count in KB and MB when the size passes each unit', () => {
    expect(formatBytes(800)).toBe('800 B');
    expect(formatBytes(500 * 1024)).toBe('500 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});
