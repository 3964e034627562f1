/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { formatMinor, PlatformAnalyticsPanel } from './platform-analytics-panel';

describe(PlatformAnalyticsPanel.name, () => {
  it('should show MRR per currency, subscriptions by plan and both top lists in order', () => {
    render(
      <PlatformAnalyticsPanel
        analytics={{
          mrr: [
            { currency: 'USD', amountMinor: 149_000 },
            { currency: 'EUR', amountMinor: 13_708 },
          ],
          tenantsByPlan: [{ planId: 'p1', code: 'growth', name: 'Growth', tenants: 3 }],
          topTenantsByVolume: [
            { tenantId: 't1', name: 'Acme', messages: 12_000 },
            { tenantId: 't2', name: 'Beta', messages: 800 },
          ],
          topTenantsByMetaCost: [{ tenantId: 't2', name: 'Beta', metaCostMicros: 2_500_000 }],
        }}
      />,
    );
    expect(screen.getByText('1,490.00 USD')).toBeTruthy();
    expect(screen.getByText('137.08 EUR')).toBeTruthy();
    const volume = screen.getByRole('figure', { name: 'Top tenants by messages' });
    expect(
      within(volume)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Acme12,000', 'Beta800']);
    const cost = screen.getByRole('figure', { name: 'Top tenants by Meta cost' });
    expect(within(cost).getByRole('link', { name: 'Beta' }).getAttribute('href')).toBe('/dashboard/tenants/t2');
    expect(within(cost).getByText('2.50')).toBeTruthy();
  });

  it('should say so when nothing pays or nothing was sent yet', () => {
    render(
      <PlatformAnalyticsPanel
        analytics={{ mrr: [], tenantsByPlan: [], topTenantsByVolume: [], topTenantsByMetaCost: [] }}
      />,
    );
    expect(screen.getByText('No paying subscriptions yet.')).toBeTruthy();
    expect(screen.getAllByText('No traffic this month yet.')).toHaveLength(2);
    expect(formatMinor(5, 'BRL')).toBe('0.05 BRL');
  });
});
