/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContactDto } from '@aerostic/shared';
import { ContactPanel } from './contact-panel';
import { aConversation } from '@/lib/inbox/inbox-builders.test-support';

const contact: ContactDto = {
  id: '00000000-0000-4000-8000-0000000000a1',
  waId: '447700900123',
  userId: null,
  username: null,
  name: 'Grace Hopper',
  profileName: 'Grace',
  displayName: 'Grace Hopper',
  tags: ['vip', 'wholesale'],
  attributes: { city: 'Pune' },
  optedOut: true,
  marketingConsent: 'opted_out',
  marketingConsentAt: '2026-11-20T10:00:00Z',
  marketingConsentSource: 'whatsapp',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

describe(ContactPanel.name, () => {
  it('should show the number, tags, attributes, opt-out and other conversations', async () => {
    const other = aConversation({
      id: 'other',
      whatsappAccountId: 'acc-2',
      status: 'resolved',
      lastMessagePreview: 'Thanks!',
    });
    const onOpen = jest.fn();
    render(
      <ContactPanel
        summary={contact}
        contact={contact}
        otherConversations={[other]}
        numberLabel={(id) => (id === 'acc-2' ? '+1 555 0100 002' : '?')}
        onOpen={onOpen}
        now={Date.parse('2026-11-20T12:00:00Z')}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Grace Hopper' })).toBeTruthy();
    expect(screen.getByText('+447700900123')).toBeTruthy();
    expect(screen.getByText('WhatsApp name: Grace')).toBeTruthy();
    expect(
      screen
        .getAllByRole('listitem')
        .slice(0, 2)
        .map((li) => li.textContent),
    ).toEqual(['vip', 'wholesale']);
    expect(screen.getByText('city').nextSibling?.textContent).toBe('Pune');
    expect(screen.getByText(/Opted out of marketing/)).toBeTruthy();
    expect(screen.getByText(/Set by the customer on WhatsApp on 20 Nov 2026/)).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: /\+1 555 0100 002/ }));
    expect(onOpen).toHaveBeenCalledWith('other');
  });

  it('should still show who it is when the contact details cannot be loaded', () => {
    render(
      <ContactPanel
        summary={contact}
        contact={null}
        otherConversations={[]}
        numberLabel={() => ''}
        onOpen={jest.fn()}
        now={0}
      />,
    );
    expect(screen.getByText('The contact’s details could not be loaded.')).toBeTruthy();
    expect(screen.getByText('None on other numbers')).toBeTruthy();
  });

  it('should show the username, or "WhatsApp user", when the customer has no number', () => {
    const noNumber = { ...contact, waId: null, userId: 'US.13491208655302741918', name: null, profileName: null };
    const { rerender } = render(
      <ContactPanel
        summary={{ ...noNumber, username: 'grace.h', profileName: 'Grace', displayName: 'Grace' }}
        contact={null}
        otherConversations={[]}
        numberLabel={() => ''}
        onOpen={jest.fn()}
        now={0}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Grace' }).nextSibling?.textContent).toBe('grace.h');

    rerender(
      <ContactPanel
        summary={{ ...noNumber, username: null, displayName: 'WhatsApp user' }}
        contact={null}
        otherConversations={[]}
        numberLabel={() => ''}
        onOpen={jest.fn()}
        now={0}
      />,
    );
    expect(screen.getByRole('heading', { name: 'WhatsApp user' })).toBeTruthy();
    expect(screen.queryByText('+null')).toBeNull();
  });
});
