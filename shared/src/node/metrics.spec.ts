import { metricsAccess } from './metrics';

describe(metricsAccess.name, () => {
  const token = 't'.repeat(32);

  it('should allow the bearer token and refuse another or none when a token is set', () => {
    expect(metricsAccess(`Bearer ${token}`, token, 'production')).toBe('allowed');
    expect(metricsAccess(`bearer ${token}`, token, 'development')).toBe('allowed');
    expect(metricsAccess(`Bearer ${'u'.repeat(32)}`, token, 'production')).toBe('unauthorized');
    expect(metricsAccess(`Bearer ${token}x`, token, 'production')).toBe('unauthorized');
    expect(metricsAccess(undefined, token, 'test')).toBe('unauthorized');
    expect(metricsAccess(token, token, 'production')).toBe('unauthorized');
  });

  it('should hide the metrics in production and open them elsewhere when no token is set', () => {
    expect(metricsAccess(undefined, undefined, 'production')).toBe('hidden');
    expect(metricsAccess(`Bearer ${token}`, undefined, 'production')).toBe('hidden');
    expect(metricsAccess(undefined, undefined, 'development')).toBe('allowed');
    expect(metricsAccess(undefined, undefined, 'test')).toBe('allowed');
  });
});
