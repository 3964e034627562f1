/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InvoiceDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { InvoicesTable } from './invoices-table';

// jsdom has <dialog> but not its modal methods; these do what the browser does to the element's `open` state.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function invoice(overrides: Partial<InvoiceDto>): InvoiceDto {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    tenantId: 't-1',
    number: 'AER-2026-000001',
    status: 'open',
    currency: 'USD',
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    issuedAt: '2026-12-01T00:05:00.000Z',
    dueAt: '2026-12-15T00:05:00.000Z',
    paidAt: null,
    voidedAt: null,
    lines: [],
    subtotalMinor: 4900,
    taxRateBasisPoints: 1900,
    taxMinor: 931,
    totalMinor: 5831,
    sellerTaxId: null,
    ...overrides,
  };
}

const OPEN = invoice({});
const PAID = invoice({
  id: '22222222-2222-4222-8222-222222222222',
  number: 'AER-2026-000002',
  status: 'paid',
  paidAt: '2026-12-02T00:00:00.000Z',
  currency: 'EUR',
  totalMinor: 12_345,
});

const idle = async (): Promise<FormState> => ({ status: 'idle' });

describe(InvoicesTable.name, () => {
  it('should list each invoice with its total, status and a PDF link of the panel', () => {
    render(<InvoicesTable invoices={[OPEN, PAID]} />);

    const rows = within(screen.getByRole('table', { name: 'Invoices of this workspace' })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('AER-2026-000001');
    expect(rows[1]!.textContent).toContain('US$58.31');
    expect(rows[1]!.textContent).toContain('Open');
    expect(rows[2]!.textContent).toContain('€123.45');
    expect(rows[2]!.textContent).toContain('Paid');
    expect(screen.getByRole('link', { name: 'PDF of AER-2026-000002' }).getAttribute('href')).toBe(
      `/api/invoices/${PAID.id}/pdf`,
    );
  });

  it('should offer no changes when the admin may not make them', () => {
    render(<InvoicesTable invoices={[OPEN]} />);

    expect(screen.queryByRole('button')).toBeNull();
  });

  it('should offer mark paid and void on open invoices only when a super admin looks', () => {
    render(<InvoicesTable invoices={[OPEN, PAID]} actions={{ markPaid: idle, void: idle }} />);

    expect(screen.getByRole('button', { name: 'Mark AER-2026-000001 paid' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Void AER-2026-000001' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark AER-2026-000002 paid' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Void AER-2026-000002' })).toBeNull();
  });

  it('should send the invoice and the reason to the action, and show its refusal, when a void is confirmed', async () => {
    const user = userEvent.setup();
    const sent: Array<Record<string, FormDataEntryValue>> = [];
    const refuse = async (_previous: FormState, formData: FormData): Promise<FormState> => {
      sent.push(Object.fromEntries(formData));
      return { status: 'error', message: 'Invoice AER-2026-000001 cannot be voided: it is paid already' };
    };
    render(<InvoicesTable invoices={[OPEN]} actions={{ markPaid: idle, void: refuse }} />);

    await user.click(screen.getByRole('button', { name: 'Void AER-2026-000001' }));
    const dialog = screen.getByRole('dialog', { name: 'Void AER-2026-000001?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Issued twice');
    await user.click(within(dialog).getByRole('button', { name: 'Void invoice' }));

    expect(sent).toEqual([{ invoiceId: OPEN.id, reason: 'Issued twice' }]);
    expect((await within(dialog).findByRole('alert')).textContent).toContain('cannot be voided: it is paid already');
  });
});
