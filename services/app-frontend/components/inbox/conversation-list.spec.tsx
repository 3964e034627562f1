/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WhatsAppAccountDto } from '@aerostic/shared';
import type { InboxFilters } from '@/lib/inbox/inbox-query';
import { ConversationList } from './conversation-list';
import { aConversation } from '@/lib/inbox/inbox-builders.test-support';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const FILTERS: InboxFilters = { status: 'open', view: 'all' };
const ACCOUNT = { id: '00000000-0000-4000-8000-0000000000b1', displayPhoneNumber: '15550100001' } as WhatsAppAccountDto;

function setup(overrides: Partial<Parameters<typeof ConversationList>[0]> = {}) {
  const handlers = { onFilters: jest.fn(), onSelect: jest.fn(), onLoadMore: jest.fn(), onRetry: jest.fn() };
  render(
    <ConversationList
      conversations={[]}
      selectedId={null}
      filters={FILTERS}
      accounts={[ACCOUNT]}
      team={[]}
      loading={false}
      error={null}
      hasMore={false}
      now={NOW}
      {...handlers}
      {...overrides}
    />,
  );
  return { ...handlers, user: userEvent.setup() };
}

describe(ConversationList.name, () => {
  it('should show the last message and the unread count of each conversation', async () => {
    const conversation = aConversation({ unreadCount: 3, lastMessagePreview: 'Photo: The parcel' });
    const { onSelect, user } = setup({ conversations: [conversation, aConversation({ id: 'other', unreadCount: 0 })] });
    const item = screen.getAllByRole('button', { name: /Grace/ })[0]!;
    expect(within(item).getByText('Photo: The parcel')).toBeTruthy();
    expect(within(item).getByLabelText('3 unread').textContent).toBe('3');
    expect(screen.getAllByLabelText(/unread/)).toHaveLength(1);
    await user.click(item);
    expect(onSelect).toHaveBeenCalledWith(conversation.id);
  });

  it('should change the status, assignee and number filters', async () => {
    const { onFilters, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Pending' }));
    expect(onFilters).toHaveBeenLastCalledWith({ status: 'pending', view: 'all' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assigned to' }), 'unassigned');
    expect(onFilters).toHaveBeenLastCalledWith({ status: 'open', view: 'unassigned' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Number' }), ACCOUNT.id);
    expect(onFilters).toHaveBeenLastCalledWith({ status: 'open', view: 'all', number: ACCOUNT.id });
    expect(screen.getByRole('button', { name: 'Open' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('should explain an empty list, with or without a connected number', () => {
    setup();
    expect(screen.getByText('No conversations here. New messages from customers appear at once.')).toBeTruthy();
  });

  it('should point to the WhatsApp page when no number is connected', () => {
    setup({ accounts: [] });
    expect(screen.getByText(/No WhatsApp number is connected yet/)).toBeTruthy();
  });

  it('should show the error with a way to try again', async () => {
    const { onRetry, user } = setup({ error: 'Aerostic cannot reach its server right now.' });
    expect(screen.getByRole('alert').textContent).toContain('Aerostic cannot reach its server right now.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('should show a skeleton while loading', () => {
    setup({ loading: true });
    expect(screen.getByRole('status', { name: 'Loading conversations' })).toBeTruthy();
  });
});
