/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { anInvoice } from '@/lib/billing/billing-builders.test-support';
import { InvoicesTable } from './invoices-table';

describe('InvoicesTable', () => {
  it('should show each invoice’s number, period, status and total in its own currency, with its PDF link', () => {
    render(
      <InvoicesTable
        invoices={[
          anInvoice({ id: 'inv-2', number: 'AER-2026-000043', currency: 'EUR', totalMinor: 17_731, status: 'paid' }),
          anInvoice({ id: 'inv-1', number: 'AER-2026-000042', currency: 'INR', totalMinor: 1_234_500, status: 'open' }),
        ]}
      />,
    );
    const [euro, rupee] = screen.getAllByRole('row').slice(1);
    expect(within(euro!).getByText('AER-2026-000043')).toBeTruthy();
    expect(within(euro!).getByText('€177.31')).toBeTruthy();
    expect(within(euro!).getByText('Paid')).toBeTruthy();
    expect(within(euro!).getByText('1 Nov – 1 Dec 2026')).toBeTruthy();
    expect(within(rupee!).getByText('₹12,345.00')).toBeTruthy();
    expect(within(rupee!).getByText('by 15 Dec 2026')).toBeTruthy();
    const pdf = screen.getByRole('link', { name: 'PDF of invoice AER-2026-000042' });
    expect(pdf.getAttribute('href')).toBe('/api/billing/invoices/inv-1/pdf');
  });

  it('should say when the first invoice comes when there is none', () => {
    render(<InvoicesTable invoices={[]} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No invoices yet/)).toBeTruthy();
  });
});
