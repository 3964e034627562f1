import { formatDuration, inboxTitle, windowState } from './inbox-format';

describe('windowState', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('should count down the time left while the window is open', () => {
    expect(windowState({ open: true, expiresAt: '2026-11-21T08:30:00Z' }, now)).toEqual({
      open: true,
      leftMs: 22.5 * 3_600_000,
      label: 'Window open · 22 h 30 min left',
    });
  });

  it('should close at the expiry even if the API said open earlier', () => {
    expect(windowState({ open: true, expiresAt: '2026-11-20T10:00:00Z' }, now)).toMatchObject({ open: false });
  });

  it('should say when the customer never wrote', () => {
    expect(windowState({ open: false, expiresAt: null }, now).label).toBe('No customer message yet · templates only');
  });
});

it('should format durations and the tab title', () => {
  expect(formatDuration(30_000)).toBe('under a minute');
  expect(formatDuration(45 * 60_000)).toBe('45 min');
  expect(formatDuration(2 * 3_600_000)).toBe('2 h');
  expect(inboxTitle(0)).toBe('Inbox · Aerostic');
  expect(inboxTitle(3)).toBe('(3) Inbox · Aerostic');
});
