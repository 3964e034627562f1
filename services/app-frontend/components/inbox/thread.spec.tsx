/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UserDto } from '@aerostic/shared';
import type { WindowState } from '@/lib/inbox/inbox-format';
import { aConversation, aMessage } from '@/lib/inbox/inbox-builders.test-support';
import { Thread } from './thread';

const OPEN: WindowState = { open: true, leftMs: 60_000, label: 'Window open · 1 min left' };
const CLOSED: WindowState = { open: false, leftMs: 0, label: 'Window closed · templates only' };
const ADA = { id: '00000000-0000-4000-8000-00000000aaaa', name: 'Ada Agent', status: 'active' } as UserDto;

function setup(overrides: Partial<Parameters<typeof Thread>[0]> = {}) {
  const handlers = {
    onLoadOlder: jest.fn(),
    onUpdate: jest.fn(),
    onReply: jest.fn(),
    onReact: jest.fn(),
    onRetry: jest.fn(),
    onUseTemplate: jest.fn(),
    onBack: jest.fn(),
  };
  const target = aMessage({ id: 'm1', wamid: 'wamid.1', content: { text: { body: 'Can I pay by card?' } } });
  const reaction = aMessage({
    id: 'm2',
    direction: 'outbound',
    status: 'sent',
    type: 'reaction',
    wamid: 'wamid.2',
    content: { reaction: { message_id: 'wamid.1', emoji: '👍' } },
    createdAt: '2026-11-20T10:01:00.000Z',
  });
  render(
    <Thread
      conversation={aConversation()}
      messages={[target, reaction]}
      hasOlder
      loadingOlder={false}
      olderError={null}
      team={[ADA]}
      window={OPEN}
      updating={false}
      updateError={null}
      composer={<p>composer</p>}
      {...handlers}
      {...overrides}
    />,
  );
  return { ...handlers, user: userEvent.setup() };
}

describe(Thread.name, () => {
  it('should show the window, and the team’s reaction on its message rather than as a message', () => {
    setup();
    expect(screen.getByTestId('service-window').textContent).toBe('Window open · 1 min left');
    expect(screen.getAllByRole('listitem', { name: /message$/ })).toHaveLength(1);
    expect(screen.getByLabelText('Team reacted 👍')).toBeTruthy();
  });

  it('should load older messages when scrolled to the top', () => {
    const { onLoadOlder } = setup();
    fireEvent.scroll(screen.getByRole('list', { name: 'Messages' }).parentElement!, { target: { scrollTop: 0 } });
    expect(onLoadOlder).toHaveBeenCalled();
  });

  it('should not ask again while older messages are loading', () => {
    const { onLoadOlder } = setup({ loadingOlder: true });
    fireEvent.scroll(screen.getByRole('list', { name: 'Messages' }).parentElement!, { target: { scrollTop: 0 } });
    expect(onLoadOlder).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Loading earlier messages…');
  });

  it('should change the status and the assignee', async () => {
    const { onUpdate, user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'resolved');
    expect(onUpdate).toHaveBeenCalledWith({ status: 'resolved' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), ADA.id);
    expect(onUpdate).toHaveBeenCalledWith({ assigneeId: ADA.id });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), '');
    expect(onUpdate).toHaveBeenLastCalledWith({ assigneeId: null });
  });

  it('should not offer replies or reactions once the window is closed', () => {
    setup({ window: CLOSED });
    expect(screen.queryByRole('button', { name: 'Reply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'React' })).toBeNull();
  });

  it('should show the API’s sentence when an update is refused', () => {
    setup({ updateError: 'That member is no longer active, so conversations cannot be assigned to them.' });
    expect(screen.getByRole('alert').textContent).toContain('no longer active');
  });
});
