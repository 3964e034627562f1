/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { aUsageReport } from '@/lib/billing/billing-builders.test-support';
import { MetaCost } from './meta-cost';

const usd = (amountMicros: number) => ({ currency: 'USD' as const, amountMicros });

describe('MetaCost', () => {
  it('should say the month’s cost and each category’s, dearest first, with up to four decimals', () => {
    const report = aUsageReport({
      totals: { ...aUsageReport().totals, metaCost: usd(25_046_700) },
      metaCostByCategory: { utility: usd(10_700), marketing: usd(25_000_000), authentication: usd(36_000) },
    });
    render(<MetaCost report={report} />);
    expect(screen.getByTestId('meta-cost-total').textContent).toBe('$25.0467');
    const rows = within(screen.getByRole('table', { name: 'By category' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['Marketing$25.00', 'Authentication$0.036', 'Utility$0.0107']);
  });

  it('should name each number, or say it is gone, beside its cost', () => {
    const report = aUsageReport({
      metaCostByNumber: [
        { whatsappAccountId: 'a', displayPhoneNumber: '15550783881', metaCost: usd(1_250_000) },
        { whatsappAccountId: 'b', displayPhoneNumber: null, metaCost: usd(3_141_593) },
      ],
    });
    render(<MetaCost report={report} />);
    const rows = within(screen.getByRole('table', { name: 'By number' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['A disconnected number$3.1416', '+15550783881$1.25']);
  });
});
