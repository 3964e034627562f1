/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { WebhookDeliveryDto } from '@aerostic/shared';
import type { FormState } from '@/lib/form-state';
import { WebhookCreateForm } from './webhook-create-form';
import { WebhookDeliveryLog } from './webhook-delivery-log';
import type { WebhookCreateState } from './webhook-state';

const delivery = (over: Partial<WebhookDeliveryDto> = {}): WebhookDeliveryDto => ({
  id: '7c8a3c4e-0000-4000-8000-000000000001',
  eventId: '0f1e2d3c-0000-4000-8000-000000000002',
  type: 'message.received',
  status: 'failed',
  attempts: 3,
  durationMs: 42,
  responseCode: 500,
  responseExcerpt: 'Internal error',
  createdAt: '2026-12-07T10:00:00.000Z',
  lastAttemptAt: '2026-12-07T10:05:00.000Z',
  ...over,
});

describe('WebhookCreateForm', () => {
  it('should send the URL and the checked events, and show the secret the answer holds', async () => {
    let sent: FormData | null = null;
    const action = async (_: WebhookCreateState, form: FormData): Promise<WebhookCreateState> => {
      sent = form;
      return { status: 'success', message: 'Endpoint added.', secret: 'whsec_shown_once' };
    };
    render(<WebhookCreateForm action={action} />);
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    fireEvent.change(screen.getByLabelText('Endpoint URL'), { target: { value: 'https://crm.example.com/hook' } });
    fireEvent.click(screen.getByLabelText('contact.updated'));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));

    await waitFor(() => expect(screen.getByTestId('webhook-secret').textContent).toContain('whsec_shown_once'));
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    const form = sent as unknown as FormData;
    expect(form.get('url')).toBe('https://crm.example.com/hook');
    expect(form.getAll('events')).toEqual([
      'message.received',
      'message.sent',
      'message.status',
      'conversation.created',
      'conversation.assigned',
      'conversation.resolved',
      'contact.created',
    ]);
  });
});

describe('WebhookDeliveryLog', () => {
  it('should list each delivery with its answer and send one again by its ids', async () => {
    let sent: FormData | null = null;
    const retry = async (_: FormState, form: FormData): Promise<FormState> => {
      sent = form;
      return { status: 'success', message: 'Queued again.' };
    };
    render(
      <WebhookDeliveryLog
        endpointId="e1"
        deliveries={[delivery(), delivery({ id: 'd2', status: 'succeeded', responseCode: 200, responseExcerpt: 'ok' })]}
        retryAction={retry}
      />,
    );
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('failed')).toBeTruthy();
    expect(screen.getByText('Internal error')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Send again' })[0]!);
    await waitFor(() => expect(screen.getByText('Queued again.')).toBeTruthy());
    const form = sent as unknown as FormData;
    expect(form.get('endpointId')).toBe('e1');
    expect(form.get('deliveryId')).toBe('7c8a3c4e-0000-4000-8000-000000000001');
  });

  it('should say when there is no delivery yet', () => {
    render(<WebhookDeliveryLog endpointId="e1" deliveries={[]} retryAction={async () => ({ status: 'idle' })} />);
    expect(screen.getByText('No deliveries yet.')).toBeTruthy();
  });
});
