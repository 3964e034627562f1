import { fieldsOfIssues } from './issue-fields';
import { sendMessageSchema } from './outbound';

const MESSAGE_ID = '6f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b22';

/** The `fields` the API would answer for this send, or {} when it is accepted. */
function fieldsOf(input: unknown): Record<string, string> {
  const result = sendMessageSchema.safeParse(input);
  return result.success ? {} : fieldsOfIssues(result.error.issues);
}

const template = (extra: Record<string, unknown> = {}, parameter: Record<string, unknown> = {}) => ({
  type: 'template',
  template: {
    name: 'order_update',
    language: { code: 'en_US' },
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana', ...parameter }] }],
    ...extra,
  },
});

describe('sendMessageSchema', () => {
  it.each([
    ['a text that quotes a message', { type: 'text', text: { body: 'Hi' }, replyToMessageId: MESSAGE_ID }],
    ['an image by link', { type: 'image', image: { link: 'https://cdn.example/a.png', caption: 'Receipt' } }],
    ['a document by media id', { type: 'document', document: { id: '1234567890', filename: 'invoice.pdf' } }],
    ['a location', { type: 'location', location: { latitude: 38.7, longitude: -9.1, name: 'Shop' } }],
    ['a template with parameters', template({}, { parameter_name: 'first_name' })],
    ['a reaction', { type: 'reaction', reaction: { messageId: MESSAGE_ID, emoji: '👍' } }],
    [
      'a contact card with every part Meta defines',
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Ana Lima', first_name: 'Ana', last_name: 'Lima', prefix: 'Dr.' },
            phones: [{ phone: '+351 912 000 001', wa_id: '351912000001', type: 'MOBILE' }],
            emails: [{ email: 'ana@example.com', type: 'WORK' }],
            urls: [{ url: 'https://example.com', type: 'WORK' }],
            addresses: [{ street: 'Rua A 1', city: 'Lisboa', zip: '1000-001', country_code: 'PT', type: 'WORK' }],
            org: { company: 'Lima Lda', title: 'Owner' },
            birthday: '1990-01-23',
          },
        ],
      },
    ],
    [
      'an interactive list',
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Pick a slot' },
          action: { button: 'Slots', sections: [{ rows: [{ id: 'am', title: 'Morning' }] }] },
        },
      },
    ],
    [
      'a request for the phone number',
      {
        type: 'interactive',
        interactive: {
          type: 'request_contact_info',
          body: { text: 'May we have your number?' },
          action: { name: 'request_contact_info' },
        },
      },
    ],
  ])('should accept %s when it has only known fields', (_case, input) => {
    expect(fieldsOf(input)).toEqual({});
  });

  it("should refuse Meta's context and point at replyToMessageId when a send carries it", () => {
    const fields = fieldsOf({ type: 'text', text: { body: 'Yes' }, context: { message_id: 'wamid.HBgL' } });

    expect(Object.keys(fields)).toEqual(['context']);
    expect(fields.context).toMatch(/^Unknown field; .*replyToMessageId, which quotes a message/);
  });

  it.each([
    ['the template', template({ foo: 1 }), 'template.foo'],
    ['a template parameter', template({}, { foo: 1 }), 'template.components.0.parameters.0.foo'],
    ['a text', { type: 'text', text: { body: 'Hi', bold: true } }, 'text.bold'],
    ['a media object', { type: 'image', image: { id: '123', alt: 'x' } }, 'image.alt'],
    [
      'a reaction',
      { type: 'reaction', reaction: { messageId: MESSAGE_ID, emoji: '👍', message_id: 'w' } },
      'reaction.message_id',
    ],
    [
      'a contact card',
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Ana', nickname: 'Aninha' } }] },
      'contacts.0.name.nickname',
    ],
    [
      'a reply button',
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Confirm?' },
          action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes', payload: 'y' } }] },
        },
      },
      'interactive.action.buttons.0.reply.payload',
    ],
  ])('should name an unknown field of %s by its path when a send carries one', (_case, input, path) => {
    const fields = fieldsOf(input);

    expect(Object.keys(fields)).toEqual([path]);
    expect(fields[path]).toMatch(/^Unknown field; /);
  });

  it('should refuse a request for the phone number whose action is not request_contact_info', () => {
    const fields = fieldsOf({
      type: 'interactive',
      interactive: { type: 'request_contact_info', body: { text: 'Your number?' }, action: { name: 'send_location' } },
    });

    expect(fields).toEqual({ 'interactive.action.name': 'action.name must be request_contact_info' });
  });

  it('should name every unknown field when a send carries several', () => {
    const fields = fieldsOf({ type: 'text', text: { body: 'Hi' }, to: '351912000001', messaging_product: 'whatsapp' });

    expect(Object.keys(fields).sort()).toEqual(['messaging_product', 'to']);
  });

  it('should name the parameter type when a template parameter has none Aerostic sends', () => {
    const fields = fieldsOf(template({}, { type: 'action', action: { flow_token: 't' } }));

    expect(Object.keys(fields)).toEqual(['template.components.0.parameters.0.type']);
    expect(fields['template.components.0.parameters.0.type']).toMatch(/one of: text, currency/);
  });
});
