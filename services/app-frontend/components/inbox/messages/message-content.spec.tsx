/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { MessageDto } from '@aerostic/shared';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import { aMessage } from '@/lib/inbox/inbox-builders.test-support';
import { MESSAGE_RENDERERS, MessageContent } from './message-content';

const ID = '11111111-1111-4111-8111-111111111111';

function show(overrides: Partial<MessageDto>, templates?: InboxTemplate[]) {
  return render(<MessageContent message={aMessage({ id: ID, ...overrides })} templates={templates} />);
}

describe('MessageContent', () => {
  it('should make http links clickable and leave other schemes as text when rendering text', () => {
    show({
      type: 'text',
      content: { text: { body: 'See https://example.com/a?b=1. Or javascript:alert(1) www.shop.test' } },
    });
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'https://www.shop.test']);
    expect(links[0]).toHaveProperty('rel', 'noopener noreferrer nofollow');
    expect(screen.getByText(/javascript:alert\(1\)/)).toBeTruthy();
  });

  it('should show a stored image through the app media route with its caption', () => {
    show({ type: 'image', content: { image: { id: '1', caption: 'My receipt' }, stored_media: { status: 'stored' } } });
    const image = screen.getByRole('img', { name: 'Photo: My receipt' });
    expect(image.getAttribute('src')).toBe(`/api/media/${ID}`);
    expect(screen.getByText('My receipt')).toBeTruthy();
  });

  it('should show a photo the team uploaded and sent, kept by Aerostic', () => {
    show({
      direction: 'outbound',
      status: 'delivered',
      type: 'image',
      content: { image: { id: '1' }, stored_media: { status: 'stored', mimeType: 'image/png', size: 68 } },
    });
    expect(screen.getByRole('img', { name: 'Photo sent' }).getAttribute('src')).toBe(`/api/media/${ID}`);
  });

  it('should say a photo was sent when its file was not uploaded from the inbox', () => {
    show({ direction: 'outbound', status: 'sent', type: 'image', content: { image: { id: '1' } } });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Photo sent from this inbox.')).toBeTruthy();
  });

  it('should say an image is still downloading when it is not stored yet', () => {
    show({ type: 'image', content: { image: { id: '1' } } });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/still downloading/)).toBeTruthy();
  });

  it('should give the reason when a media download was refused', () => {
    show({
      type: 'video',
      content: { video: { id: '1' }, stored_media: { status: 'rejected', reason: 'Larger than 16 MB' } },
    });
    expect(screen.getByText(/could not be downloaded: Larger than 16 MB/)).toBeTruthy();
  });

  it('should play a stored video', () => {
    const { container } = show({ type: 'video', content: { video: { id: '1' }, stored_media: { status: 'stored' } } });
    expect(container.querySelector('video')?.getAttribute('src')).toBe(`/api/media/${ID}`);
  });

  it('should label a voice note as such and give it a player', () => {
    const { container } = show({
      type: 'audio',
      content: { audio: { id: '1', voice: true }, stored_media: { status: 'stored' } },
    });
    expect(screen.getByText(/Voice message/)).toBeTruthy();
    expect(container.querySelector('audio')?.getAttribute('src')).toBe(`/api/media/${ID}`);
  });

  it('should label plain audio as audio', () => {
    show({ type: 'audio', content: { audio: { id: '1' }, stored_media: { status: 'stored' } } });
    expect(screen.getByText(/Audio/)).toBeTruthy();
    expect(screen.queryByText(/Voice message/)).toBeNull();
  });

  it('should offer a document for download under its file name and size', () => {
    show({
      type: 'document',
      content: {
        document: { id: '1', filename: 'invoice.pdf' },
        stored_media: { status: 'stored', mimeType: 'application/pdf', size: 2048 },
      },
    });
    const link = screen.getByRole('link', { name: /invoice\.pdf/ });
    expect(link.getAttribute('href')).toBe(`/api/media/${ID}?download=1&name=invoice.pdf`);
    expect(link.getAttribute('download')).toBe('invoice.pdf');
    expect(screen.getByText('application/pdf · 2.0 KB')).toBeTruthy();
  });

  it('should show a sticker image', () => {
    show({ type: 'sticker', content: { sticker: { id: '1', animated: true }, stored_media: { status: 'stored' } } });
    expect(screen.getByRole('img', { name: 'Animated sticker' })).toBeTruthy();
  });

  it('should link a location to the map', () => {
    show({
      type: 'location',
      content: { location: { latitude: 51.5, longitude: -0.12, name: 'Shop', address: '1 High St' } },
    });
    expect(screen.getByText('📍 Shop')).toBeTruthy();
    expect(screen.getByText('1 High St')).toBeTruthy();
    expect(screen.getByRole('link').getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=51.5&mlon=-0.12#map=16/51.5/-0.12',
    );
  });

  it('should not link a location without coordinates', () => {
    show({ type: 'location', content: { location: { name: 'Somewhere' } } });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('The coordinates are missing.')).toBeTruthy();
  });

  it('should list shared contact cards with their numbers', () => {
    show({
      type: 'contacts',
      content: {
        contacts: [
          {
            name: { formatted_name: 'Ada Lovelace' },
            phones: [{ phone: '+44 7700 900000', type: 'CELL', wa_id: '447700900000' }],
          },
        ],
      },
    });
    expect(screen.getByText('👤 Ada Lovelace')).toBeTruthy();
    expect(screen.getByRole('link', { name: '+44 7700 900000' }).getAttribute('href')).toBe('tel:+447700900000');
  });

  it('should show the title of the button the customer tapped', () => {
    show({
      type: 'interactive',
      content: { interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes please' } } },
    });
    expect(screen.getByText('↩ Yes please')).toBeTruthy();
    expect(screen.getByText('Tapped')).toBeTruthy();
  });

  it('should show the list row the customer chose', () => {
    show({
      type: 'interactive',
      content: {
        interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Size M', description: 'Medium' } },
      },
    });
    expect(screen.getByText('↩ Size M')).toBeTruthy();
    expect(screen.getByText('Medium')).toBeTruthy();
  });

  it('should show the buttons of an interactive message the team sent', () => {
    show({
      direction: 'outbound',
      status: 'sent',
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'Confirm?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'a', title: 'Yes' } },
              { type: 'reply', reply: { id: 'b', title: 'No' } },
            ],
          },
        },
      },
    });
    expect(screen.getByText('Confirm?')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Yes', 'No']);
  });

  it('should show a template quick-reply button press', () => {
    show({ type: 'button', content: { button: { payload: 'STOP', text: 'Stop promotions' } } });
    expect(screen.getByText('↩ Stop promotions')).toBeTruthy();
  });

  it('should show a sent template as the customer saw it when the template is known', () => {
    const template: InboxTemplate = {
      id: 't1',
      name: 'order_ready',
      language: 'en_US',
      category: 'UTILITY',
      status: 'APPROVED',
      header: { format: 'TEXT', text: 'Order {{1}}' },
      body: 'Hi {{1}}, your order is ready at {{2}}.',
      footer: 'Reply STOP to opt out',
      buttons: ['Thanks'],
    };
    show(
      {
        direction: 'outbound',
        status: 'delivered',
        type: 'template',
        content: {
          template: {
            name: 'order_ready',
            language: { code: 'en_US' },
            components: [
              { type: 'header', parameters: [{ type: 'text', text: '#42' }] },
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: 'Grace' },
                  { type: 'text', text: 'the counter' },
                ],
              },
            ],
          },
        },
      },
      [template],
    );
    expect(screen.getByText('Order #42')).toBeTruthy();
    expect(screen.getByText('Hi Grace, your order is ready at the counter.')).toBeTruthy();
    expect(screen.getByText('Reply STOP to opt out')).toBeTruthy();
  });

  it('should fall back to the template name and values when the template is unknown', () => {
    show({
      direction: 'outbound',
      type: 'template',
      content: {
        template: {
          name: 'hello_world',
          language: { code: 'en' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }],
        },
      },
    });
    expect(screen.getByText('hello_world')).toBeTruthy();
    expect(screen.getByText('Ada')).toBeTruthy();
  });

  it('should describe a reaction to a message that is not loaded', () => {
    show({ type: 'reaction', content: { reaction: { message_id: 'wamid.old', emoji: '👍' } } });
    expect(screen.getByText('The customer reacted 👍 to an earlier message')).toBeTruthy();
  });

  it('should show a system notice', () => {
    show({
      type: 'system',
      content: { system: { type: 'customer_changed_number', body: 'User A changed from 1 to 2', wa_id: '2' } },
    });
    expect(screen.getByText(/User A changed from 1 to 2/)).toBeTruthy();
  });

  it('should give Meta’s reason for an unsupported message', () => {
    show({
      type: 'unsupported',
      content: { unsupported: { type: 'poll' } },
      error: { code: 131051, title: 'Message type unknown', details: 'Message type is currently not supported.' },
    });
    expect(screen.getByText(/WhatsApp says: Message type is currently not supported\. \(code 131051\)/)).toBeTruthy();
  });

  it('should summarise a type it does not know instead of failing', () => {
    show({ type: 'order', content: { order: { catalog_id: '1' } } });
    expect(screen.getByText('A “order” message')).toBeTruthy();
  });

  it.each(Object.keys(MESSAGE_RENDERERS))('should render a %s message with no content at all', (type) => {
    expect(() => show({ type, content: {} })).not.toThrow();
    expect(document.body.textContent?.length).toBeGreaterThan(0);
  });
});
