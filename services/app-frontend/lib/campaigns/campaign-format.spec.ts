import type { CampaignTotals } from '@aerostic/shared';
import {
  campaignRates,
  campaignWhen,
  formatMoney,
  formatRate,
  marketLabel,
  reasonLabel,
  sentCount,
  settledCount,
} from './campaign-format';

function totals(counts: Partial<CampaignTotals>): CampaignTotals {
  const base = {
    pending: 0,
    queued: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    ...counts,
  };
  const recipients = Object.values(base).reduce((sum, n) => sum + n, 0);
  return { ...base, recipients };
}

describe('campaign figures', () => {
  it('should count a read or replied recipient as sent and delivered too', () => {
    const t = totals({ pending: 1, queued: 2, sent: 1, delivered: 2, read: 3, replied: 2, failed: 1, skipped: 4 });
    expect(sentCount(t)).toBe(8);
    expect(settledCount(t)).toBe(13);
    expect(campaignRates(t)).toEqual({ sent: 8, delivered: '88%', read: '63%', replied: '25%' });
  });

  it('should show no rate before anything was sent', () => {
    expect(campaignRates(totals({ queued: 5, skipped: 2 }))).toEqual({
      sent: 0,
      delivered: '—',
      read: '—',
      replied: '—',
    });
  });

  it('should keep a decimal for small shares and round the rest', () => {
    expect(formatRate(1, 300)).toBe('0.3%');
    expect(formatRate(1, 20)).toBe('5%');
    expect(formatRate(2, 3)).toBe('67%');
    expect(formatRate(0, 3)).toBe('0%');
    expect(formatRate(3, 3)).toBe('100%');
  });

  it('should name the platform’s skip reasons and keep Meta’s titles as they are', () => {
    expect(reasonLabel('no_marketing_consent')).toBe('No marketing consent');
    expect(reasonLabel('market_blocks_marketing')).toContain('+1 numbers');
    expect(reasonLabel('campaign cancelled')).toBe('The campaign was cancelled before this send');
    expect(reasonLabel('Message undeliverable')).toBe('Message undeliverable');
    expect(reasonLabel(null)).toBeNull();
  });

  it('should write prices and markets for people', () => {
    expect(formatMoney(12.5, 'USD')).toBe('$12.50');
    expect(formatMoney(0.0625, 'USD', true)).toBe('$0.0625');
    expect(formatMoney(3, 'dollars')).toBe('3.00 dollars');
    expect(marketLabel('BR')).toBe('Brazil');
    expect(marketLabel('other')).toBe('Other markets');
  });

  it('should say when a campaign starts or started, on the workspace clock', () => {
    const at = { scheduledAt: '2026-06-02T08:00:00Z', startedAt: null };
    expect(campaignWhen({ ...at, status: 'scheduled' }, 'Europe/Lisbon')).toBe('Scheduled for 2 Jun 2026, 09:00');
    expect(campaignWhen({ ...at, status: 'running', startedAt: '2026-06-02T08:00:03Z' }, 'America/New_York')).toBe(
      'Started 2 Jun 2026, 04:00',
    );
    expect(campaignWhen({ ...at, status: 'cancelled' }, 'UTC')).toBe('Was scheduled for 2 Jun 2026, 08:00');
  });
});
