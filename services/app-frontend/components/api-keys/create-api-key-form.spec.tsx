/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type ApiKeyDto } from '@aerostic/shared';
import { type FormState } from '@/lib/form-state';
import { ApiKeyList } from './api-key-list';
import { type CreateApiKeyState, CreateApiKeyForm } from './create-api-key-form';

const KEY = `aer_live_0123456789ab_${'f'.repeat(64)}`;

describe('CreateApiKeyForm', () => {
  it('should send the name and the ticked scopes, then show the key once with a copy button and a warning', async () => {
    const received: { name: unknown; scopes: unknown[] }[] = [];
    const action = async (_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> => {
      received.push({ name: formData.get('name'), scopes: formData.getAll('scopes') });
      return {
        status: 'success',
        created: { id: 'k1', key: KEY, prefix: '0123456789ab', scopes: ['read', 'send'], name: 'CRM', createdAt: '' },
      };
    };
    render(<CreateApiKeyForm action={action} />);
    expect(screen.queryByLabelText('New API key')).toBeNull();

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'CRM' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Read/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Send/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByLabelText('New API key', {}, { timeout: 5_000 });
    expect(received).toEqual([{ name: 'CRM', scopes: ['read', 'send'] }]);
    expect((shown as HTMLInputElement).value).toBe(KEY);
    expect(screen.getByRole('button', { name: 'Copy key' })).toBeTruthy();
    expect(screen.getByText(/it is not shown again/)).toBeTruthy();
  });

  it('should show the error of the scopes next to them', async () => {
    const action = async (): Promise<CreateApiKeyState> => ({
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { scopes: 'scopes must name at least one scope' },
    });
    render(<CreateApiKeyForm action={action} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'No scopes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    // A busy machine (the whole suite in parallel) can take over a second to run the action's transition.
    await waitFor(() => expect(screen.getAllByText('scopes must name at least one scope').length).toBeGreaterThan(0), {
      timeout: 5_000,
    });
  });
});

describe('ApiKeyList', () => {
  const key: ApiKeyDto = {
    id: '4a1e1c2e-8a55-4a8e-9f3b-2f3c1d9e7a10',
    name: 'Reporting',
    prefix: 'abcdef012345',
    scopes: ['read', 'contacts'],
    createdAt: '2026-11-20T10:05:00Z',
    lastUsedAt: null,
    createdBy: { id: 'u1', name: 'Ada Admin' },
  };

  it('should list the prefix, scopes and dates, and revoke only after confirmation', async () => {
    const revoked: unknown[] = [];
    const revoke = async (_previous: FormState, formData: FormData): Promise<FormState> => {
      revoked.push(formData.get('keyId'));
      return { status: 'success' };
    };
    render(<ApiKeyList keys={[key]} revoke={revoke} />);
    const row = screen.getByRole('row', { name: /Reporting/ });
    expect(row.textContent).toContain('aer_live_abcdef012345_');
    expect(row.textContent).toContain('Read, Manage contacts');
    expect(row.textContent).toContain('20 Nov 2026, 10:05 UTC');
    expect(row.textContent).toContain('never');

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Reporting' }));
    expect(revoked).toEqual([]);
    expect(screen.getByText(/cannot be undone/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(revoked).toEqual([key.id]));
  });
});
