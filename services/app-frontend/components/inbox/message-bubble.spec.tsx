/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageDto } from '@aerostic/shared';
import type { ReactionChip } from '@/lib/inbox/inbox-thread';
import { MessageBubble, type MessageBubbleProps } from './message-bubble';
import { aMessage } from '@/lib/inbox/inbox-builders.test-support';

function setup(message: MessageDto, overrides: Partial<MessageBubbleProps> = {}) {
  const handlers = { onReply: jest.fn(), onReact: jest.fn(), onRetry: jest.fn(), onUseTemplate: jest.fn() };
  render(
    <ol>
      <MessageBubble message={message} reactions={[]} windowOpen canRetry {...handlers} {...overrides} />
    </ol>,
  );
  return { ...handlers, user: userEvent.setup() };
}

const outbound = (overrides: Partial<MessageDto>) =>
  aMessage({ direction: 'outbound', senderUserId: 'u1', content: { text: { body: 'Hi' } }, ...overrides });

describe(MessageBubble.name, () => {
  it.each([
    ['queued', 'Queued', '🕓'],
    ['sent', 'Sent', '✓'],
    ['delivered', 'Delivered', '✓✓'],
    ['read', 'Read', '✓✓'],
  ] as const)('should show the %s tick on an outbound message', (status, label, symbol) => {
    setup(outbound({ status }));
    const tick = screen.getByRole('img', { name: label });
    expect(tick.textContent).toBe(symbol);
    expect(tick.getAttribute('data-status')).toBe(status);
  });

  it('should show no ticks on a customer message', () => {
    setup(aMessage());
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('should show Meta’s reason and offer a retry when a send failed inside the window', async () => {
    const message = outbound({
      status: 'failed',
      error: { code: 131026, title: 'Message undeliverable', details: 'The recipient is not on WhatsApp.' },
    });
    const { onRetry, onUseTemplate, user } = setup(message);
    expect(screen.getByRole('alert').textContent).toBe(
      'Not delivered: Message undeliverable (code 131026). The recipient is not on WhatsApp.Retry',
    );
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith(message);
    expect(screen.queryByRole('button', { name: 'Send a template instead' })).toBeNull();
    expect(onUseTemplate).not.toHaveBeenCalled();
  });

  it('should offer a template instead of a retry when the window is closed', async () => {
    const message = outbound({
      status: 'failed',
      error: { code: 131047, title: 'Re-engagement message', details: null },
    });
    const { onUseTemplate, user } = setup(message, { windowOpen: false });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send a template instead' }));
    expect(onUseTemplate).toHaveBeenCalled();
  });

  it('should show reactions on the message they react to', () => {
    const reactions: ReactionChip[] = [
      { emoji: '❤️', by: 'customer' },
      { emoji: '👍', by: 'team' },
    ];
    setup(outbound({ status: 'read' }), { reactions });
    expect(screen.getByLabelText('Customer reacted ❤️')).toBeTruthy();
    expect(screen.getByLabelText('Team reacted 👍')).toBeTruthy();
  });

  it('should show the quoted message of a reply', () => {
    const quoted = outbound({ id: 'q', wamid: 'wamid.q', content: { text: { body: 'Your order shipped' } } });
    setup(aMessage({ replyToWamid: 'wamid.q' }), { quoted });
    expect(screen.getByText('You')).toBeTruthy();
    expect(screen.getByText('Your order shipped')).toBeTruthy();
  });

  it('should react with the chosen emoji', async () => {
    const message = aMessage();
    const { onReact, user } = setup(message);
    await user.click(screen.getByRole('button', { name: 'React' }));
    await user.click(screen.getByRole('button', { name: 'React 👍' }));
    expect(onReact).toHaveBeenCalledWith(message, '👍');
  });

  it('should show the ad a customer came from', () => {
    setup(
      aMessage({
        content: {
          text: { body: 'Is this still available?' },
          referral: { source_type: 'ad', headline: 'Winter sale', body: '20% off', source_url: 'https://fb.me/ad' },
        },
      }),
    );
    const ad = screen.getByRole('complementary', { name: 'Came from an ad' });
    expect(ad.textContent).toContain('Winter sale');
    expect(screen.getByRole('link', { name: 'Open the ad' }).getAttribute('href')).toBe('https://fb.me/ad');
  });

  it.each([
    ['ai', 'AI', 'Written and sent by the AI'],
    ['rule', 'Automated', 'Sent by an automation rule'],
  ] as const)('should mark a message written by %s as such', (automatedBy, label, title) => {
    setup(outbound({ automatedBy, senderUserId: null }));

    const badge = screen.getByTitle(title);
    expect(badge.textContent).toBe(`${label} (${title})`);
  });

  it('should mark nothing on a message the team typed', () => {
    setup(outbound({}));

    expect(screen.queryByTitle(/AI|automation rule/)).toBeNull();
  });
});
