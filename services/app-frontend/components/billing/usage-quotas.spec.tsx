/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { UsageQuotas } from './usage-quotas';

describe('UsageQuotas', () => {
  it('should fill each bar to the share of its limit used and say the figures', () => {
    render(
      <UsageQuotas
        quotas={[
          { name: 'agents', used: 2, max: 3 },
          { name: 'outboundMessagesPerMonth', used: 8_500, max: 10_000 },
        ]}
      />,
    );
    const agents = screen.getByRole('meter', { name: 'Agents' });
    expect(agents.getAttribute('aria-valuenow')).toBe('67');
    expect((agents.firstElementChild as HTMLElement).style.width).toBe('67%');
    expect(screen.getByText('2 of 3 (67 %)')).toBeTruthy();
    const messages = screen.getByRole('meter', { name: 'Outbound messages this month' });
    expect((messages.firstElementChild as HTMLElement).style.width).toBe('85%');
    expect(screen.getByText('8,500 of 10,000 (85 %)')).toBeTruthy();
  });

  it('should say the real share past a limit and keep the bar full and red', () => {
    render(<UsageQuotas quotas={[{ name: 'contacts', used: 1_200, max: 1_000 }]} />);
    const bar = screen.getByRole('meter', { name: 'Contacts' });
    expect(bar.getAttribute('aria-valuetext')).toBe('120 %');
    const fill = bar.firstElementChild as HTMLElement;
    expect(fill.style.width).toBe('100%');
    expect(fill.className).toContain('bg-danger-600');
    expect(screen.getByText('1,200 of 1,000 (120 %)')).toBeTruthy();
  });

  it('should show no bar for an unlimited quota', () => {
    render(<UsageQuotas quotas={[{ name: 'contacts', used: 42_000, max: null }]} />);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.getByText('42,000 of unlimited')).toBeTruthy();
  });
});
