import { messagePreview } from './message-preview';

describe(messagePreview.name, () => {
  it.each([
    ['text', { text: { body: 'Hello there' } }, 'Hello there'],
    ['image', { image: { id: '1', caption: 'Taj Mahal' } }, 'Photo: Taj Mahal'],
    ['image', { image: { id: '1' } }, 'Photo'],
    ['document', { document: { id: '1', filename: 'invoice.pdf' } }, 'Document: invoice.pdf'],
    ['audio', { audio: { id: '1', voice: true } }, 'Voice message'],
    ['location', { location: { latitude: 1, longitude: 2, name: 'Philz Coffee' } }, 'Location: Philz Coffee'],
    ['interactive', { interactive: { type: 'button_reply', button_reply: { id: 'x', title: 'Cancel' } } }, 'Cancel'],
    ['reaction', { reaction: { message_id: 'wamid.1', emoji: '👍' } }, 'Reacted 👍'],
    ['reaction', { reaction: { message_id: 'wamid.1', emoji: '' } }, 'Reacted (removed)'],
    ['contacts', { contacts: [{ name: { formatted_name: 'Ana' } }] }, 'Contact card'],
    ['contacts', { contacts: [{ origin: 'contact_request', phones: [{ wa_id: '1' }] }] }, 'Shared their phone number'],
    ['poll', { poll: {} }, 'Message (poll)'],
  ])('should describe a %s message as people expect', (type, content, expected) => {
    expect(messagePreview(type, content)).toBe(expected);
  });
});
