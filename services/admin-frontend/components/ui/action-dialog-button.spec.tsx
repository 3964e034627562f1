/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FormState } from '@aerostic/shared/web';
import { ActionDialogButton, type FormAction } from './action-dialog-button';

// jsdom has <dialog> but not its modal methods; these do what the browser does to the element's `open` state.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function renderSuspend(action: FormAction) {
  render(
    <ActionDialogButton
      id="suspend"
      action={action}
      fields={{ tenantId: 't-1' }}
      trigger="Suspend"
      title="Suspend Acme?"
      description="Its people are signed out."
      reason={{ label: 'Reason', required: true }}
      confirm="Suspend tenant"
      busyText="Suspending…"
    />,
  );
}

describe(ActionDialogButton.name, () => {
  it('should open a labelled dialog with focus on the reason when the button is pressed', async () => {
    const user = userEvent.setup();
    renderSuspend(async () => ({ status: 'idle' }));

    await user.click(screen.getByRole('button', { name: 'Suspend' }));

    const dialog = screen.getByRole('dialog', { name: 'Suspend Acme?' });
    expect(dialog.getAttribute('aria-describedby')).toBe('suspend-description');
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
  });

  it('should keep Tab inside the dialog when focus reaches its last control', async () => {
    const user = userEvent.setup();
    renderSuspend(async () => ({ status: 'idle' }));
    await user.click(screen.getByRole('button', { name: 'Suspend' }));

    screen.getByRole('button', { name: 'Suspend tenant' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Suspend tenant' }));
  });

  it('should close and give focus back to its button when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    renderSuspend(async () => ({ status: 'idle' }));
    await user.click(screen.getByRole('button', { name: 'Suspend' }));

    // What the browser fires on Escape for a modal dialog.
    act(() => {
      screen.getByRole('dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    });

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Suspend' }));
  });

  it('should send the reason with the hidden fields and show the refusal inside the dialog', async () => {
    const user = userEvent.setup();
    const received: Array<Record<string, FormDataEntryValue>> = [];
    renderSuspend(async (_previous: FormState, formData: FormData) => {
      received.push(Object.fromEntries(formData));
      return { status: 'error', message: 'This workspace is already suspended', fields: { reason: 'Too short' } };
    });
    await user.click(screen.getByRole('button', { name: 'Suspend' }));
    await user.type(screen.getByLabelText('Reason'), 'Unpaid invoices');

    await user.click(screen.getByRole('button', { name: 'Suspend tenant' }));

    expect((await screen.findByRole('alert')).textContent).toContain('This workspace is already suspended');
    expect(screen.getByLabelText('Reason').getAttribute('aria-describedby')).toBe('suspend-reason-error');
    expect(document.getElementById('suspend-reason-error')?.textContent).toBe('Too short');
    expect(received).toEqual([{ tenantId: 't-1', reason: 'Unpaid invoices' }]);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('should close and say so when the action succeeds', async () => {
    const user = userEvent.setup();
    renderSuspend(async () => ({ status: 'success', message: 'Acme is suspended.' }));
    await user.click(screen.getByRole('button', { name: 'Suspend' }));
    await user.type(screen.getByLabelText('Reason'), 'Fraud');

    await user.click(screen.getByRole('button', { name: 'Suspend tenant' }));

    expect((await screen.findByRole('status')).textContent).toBe('Acme is suspended.');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
