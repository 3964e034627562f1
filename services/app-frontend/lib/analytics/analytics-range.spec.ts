import { formatDuration, rangeOf, todayIn } from './analytics-range';

describe(rangeOf.name, () => {
  // 01:30 UTC on 1 March is still 28 February in São Paulo (UTC-3).
  const now = new Date('2026-03-01T01:30:00Z');

  it('should end a preset on today in the workspace time zone when the UTC date is already tomorrow', () => {
    expect(todayIn('America/Sao_Paulo', now)).toBe('2026-02-28');
    expect(rangeOf({ range: 'today' }, 'America/Sao_Paulo', now)).toEqual({
      preset: 'today',
      from: '2026-02-28',
      to: '2026-02-28',
    });
    expect(rangeOf({ range: '30d' }, 'UTC', now)).toEqual({ preset: '30d', from: '2026-01-31', to: '2026-03-01' });
  });

  it('should keep a valid custom range and fall back to 7 days when it is reversed or too long', () => {
    expect(rangeOf({ range: 'custom', from: '2026-01-01', to: '2026-01-31' }, 'UTC', now)).toEqual({
      preset: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(rangeOf({ range: 'custom', from: '2026-02-01', to: '2026-01-01' }, 'UTC', now).preset).toBe('7d');
    expect(rangeOf({ range: 'custom', from: '2024-01-01', to: '2026-01-01' }, 'UTC', now)).toEqual({
      preset: '7d',
      from: '2026-02-23',
      to: '2026-03-01',
    });
  });
});

describe(formatDuration.name, () => {
  it('should read seconds as seconds, minutes, hours or days, and nothing measured as a dash', () => {
    expect([null, 45, 720, 12_600, 259_200].map(formatDuration)).toEqual(['—', '45 s', '12 min', '3.5 h', '3 d']);
  });
});
