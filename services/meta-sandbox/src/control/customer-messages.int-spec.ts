import { type Business, type Sandbox, startSandbox } from '../test-support/sandbox-harness';
import type { ReceivedValue } from '../test-support/webhook-receiver';

type Sent = { wamid: string; delivery_id: string; message: Record<string, unknown> };

const WA_ID = '16505551234';
const QUOTED = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3QjQwRUI2NjBFNjY5RDBBMjkA';
const mediaFields = { id: expect.stringMatching(/^\d+$/), sha256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) };

describe('customer messages (POST /_sandbox/customers/:wa_id/messages)', () => {
  let sandbox: Sandbox;
  let business: Business;

  beforeAll(async () => {
    sandbox = await startSandbox();
    business = await sandbox.createBusiness({ name: 'Philz Coffee' });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** Sends as the customer and answers the value Meta's webhook carried. */
  async function deliver(body: Record<string, unknown>, waId = WA_ID): Promise<{ sent: Sent; value: ReceivedValue }> {
    const res = await sandbox.call<Sent>('POST', `/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: business.phone_number_id, ...body },
    });
    expect(res.status).toBe(200);
    const sent = res.body;
    await sandbox.receiver.waitFor((all) => all.some((w) => w.raw.includes(sent.wamid)));
    const webhook = sandbox.receiver.received.find((w) => w.raw.includes(sent.wamid))!;
    expect(webhook.body.object).toBe('whatsapp_business_account');
    expect(webhook.body.entry[0]!.id).toBe(business.waba_id);
    expect(webhook.body.entry[0]!.changes[0]!.field).toBe('messages');
    return { sent, value: webhook.body.entry[0]!.changes[0]!.value };
  }

  const base = (sent: Sent, type: string) => ({
    from: WA_ID,
    id: sent.wamid,
    timestamp: expect.stringMatching(/^\d{10}$/),
    type,
  });

  it('should build a text message with metadata, the contact and a unique wamid', async () => {
    const { sent, value } = await deliver({
      type: 'text',
      text: { body: 'Does it come in another color?' },
      profile_name: 'Sheena Nelson',
    });

    expect(sent.wamid).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(sent.delivery_id).toMatch(/^dlv_\d+$/);
    expect(value).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: business.display_phone_number, phone_number_id: business.phone_number_id },
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: WA_ID }],
      messages: [{ ...base(sent, 'text'), text: { body: 'Does it come in another color?' } }],
    });
    expect(Object.keys(value.messages![0]!)).toEqual(['from', 'id', 'timestamp', 'type', 'text']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'image',
      { image: { caption: 'Taj Mahal' } },
      { image: { caption: 'Taj Mahal', mime_type: 'image/jpeg', ...mediaFields } },
    ],
    [
      'audio',
      { audio: { voice: true } },
      { audio: { mime_type: 'audio/ogg; codecs=opus', voice: true, ...mediaFields } },
    ],
    ['video', { video: { caption: 'clip' } }, { video: { caption: 'clip', mime_type: 'video/mp4', ...mediaFields } }],
    [
      'document',
      { document: { filename: 'invoice.pdf', caption: 'Invoice' } },
      { document: { caption: 'Invoice', filename: 'invoice.pdf', mime_type: 'application/pdf', ...mediaFields } },
    ],
    [
      'sticker',
      { sticker: { animated: true } },
      { sticker: { mime_type: 'image/webp', animated: true, ...mediaFields } },
    ],
  ])('should build the %s message with a stored media object', async (type, content, expected) => {
    const { sent, value } = await deliver({ type, ...content });

    expect(value.messages).toEqual([{ ...base(sent, type), ...expected }]);
    expect(value.contacts).toHaveLength(1);
  });

  it('should default voice and animated to false and give documents a filename', async () => {
    const audio = await deliver({ type: 'audio' });
    const sticker = await deliver({ type: 'sticker' });
    const document = await deliver({ type: 'document' });

    expect(audio.value.messages![0]!.audio).toMatchObject({ voice: false });
    expect(sticker.value.messages![0]!.sticker).toMatchObject({ animated: false });
    expect(document.value.messages![0]!.document).toMatchObject({ filename: 'sandbox-document.pdf' });
  });

  it('should build location and contacts messages as given', async () => {
    const location = {
      address: '101 Forest Ave, Palo Alto, CA 94301',
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: 'Philz Coffee',
      url: 'https://philzcoffee.com/',
    };
    const contacts = [
      {
        name: { first_name: 'Lucía', last_name: 'Gómez', formatted_name: 'Lucía Gómez' },
        org: { company: 'Google' },
        phones: [{ phone: '+1 (983) 555-2319', wa_id: '19835552319', type: 'MOBILE' }],
      },
    ];

    const loc = await deliver({ type: 'location', location });
    const card = await deliver({ type: 'contacts', contacts });

    expect(loc.value.messages).toEqual([{ ...base(loc.sent, 'location'), location }]);
    expect(card.value.messages).toEqual([{ ...base(card.sent, 'contacts'), contacts }]);
  });

  it('should build interactive button and list replies quoting the business message', async () => {
    const button = await deliver({
      type: 'interactive',
      context: { id: QUOTED },
      interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } },
    });
    const list = await deliver({
      type: 'interactive',
      context: { id: QUOTED },
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' },
      },
    });

    const context = { from: business.display_phone_number, id: QUOTED };
    expect(button.value.messages).toEqual([
      {
        context,
        ...base(button.sent, 'interactive'),
        interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } },
      },
    ]);
    expect(Object.keys(button.value.messages![0]!)[0]).toBe('context');
    expect(list.value.messages![0]).toMatchObject({
      context,
      interactive: { type: 'list_reply', list_reply: { id: 'priority_express', description: 'Next Day to 2 Days' } },
    });
  });

  it('should build a template quick-reply button message', async () => {
    const { sent, value } = await deliver({
      type: 'button',
      context: { id: QUOTED },
      button: { payload: 'Unsubscribe', text: 'Unsubscribe' },
    });

    expect(value.messages).toEqual([
      {
        context: { from: business.display_phone_number, id: QUOTED },
        ...base(sent, 'button'),
        button: { payload: 'Unsubscribe', text: 'Unsubscribe' },
      },
    ]);
  });

  it('should build reactions, keeping an empty emoji for a removed reaction', async () => {
    const added = await deliver({ type: 'reaction', reaction: { message_id: QUOTED, emoji: '👍' } });
    const removed = await deliver({ type: 'reaction', reaction: { message_id: QUOTED, emoji: '' } });

    expect(added.value.messages).toEqual([
      { ...base(added.sent, 'reaction'), reaction: { message_id: QUOTED, emoji: '👍' } },
    ]);
    expect(removed.value.messages![0]!.reaction).toEqual({ message_id: QUOTED, emoji: '' });
  });

  it('should build a system message without contacts', async () => {
    const { sent, value } = await deliver({
      type: 'system',
      profile_name: 'Sheena Nelson',
      system: { type: 'user_changed_number', wa_id: '12195555358' },
    });

    expect(value).not.toHaveProperty('contacts');
    expect(value.messages).toEqual([
      {
        ...base(sent, 'system'),
        system: {
          body: `User Sheena Nelson changed from ${WA_ID} to 12195555358`,
          wa_id: '12195555358',
          type: 'user_changed_number',
        },
      },
    ]);
  });

  it('should build an unsupported message with Meta error 131051 by default', async () => {
    const { sent, value } = await deliver({ type: 'unsupported', unsupported: { type: 'poll' } });

    expect(value.messages).toEqual([
      {
        ...base(sent, 'unsupported'),
        unsupported: { type: 'poll' },
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
            href: expect.stringContaining('error-codes'),
          },
        ],
      },
    ]);
  });

  it('should attach a Click-to-WhatsApp referral to the message', async () => {
    const referral = {
      source_url: 'https://fb.me/3cr4Wqqkv',
      source_id: '120226305854810726',
      source_type: 'ad',
      body: 'Summer Succulents are here!',
      headline: 'Chat with us',
      media_type: 'image',
      image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/photo.jpg',
      ctwa_clid:
        'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iRTOdN5uUCZG3WpCfgbYJvpaCrA',
      welcome_message: { text: 'Hi there!' },
    };

    const { sent, value } = await deliver({
      type: 'text',
      text: { body: 'Hello! Can I get more info on this?' },
      referral,
    });

    expect(value.messages).toEqual([
      { ...base(sent, 'text'), text: { body: 'Hello! Can I get more info on this?' }, referral },
    ]);
  });

  it('should mark forwarded messages and accept a fixed timestamp and wamid', async () => {
    const { value } = await deliver({
      type: 'text',
      text: { body: 'fwd' },
      context: { forwarded: true },
      timestamp: 1749416383,
      id: 'wamid.FIXED1',
    });

    expect(value.messages).toEqual([
      {
        context: { forwarded: true },
        from: WA_ID,
        id: 'wamid.FIXED1',
        timestamp: '1749416383',
        type: 'text',
        text: { body: 'fwd' },
      },
    ]);
  });

  it('should build an order message', async () => {
    const order = {
      catalog_id: '194836987003835',
      text: 'Please deliver',
      product_items: [{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' }],
    };

    const { sent, value } = await deliver({ type: 'order', order });

    expect(value.messages).toEqual([{ ...base(sent, 'order'), order }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown type', { type: 'poll', poll: {} }, 'type'],
    ['a GIF image', { type: 'image', image: { mime_type: 'image/gif', data_base64: 'R0lGODlh' } }, 'image/gif'],
    ['bytes without their type', { type: 'image', image: { data_base64: 'R0lGODlh' } }, 'mime_type'],
    ['a text without body', { type: 'text', text: {} }, 'text.body'],
    ['an extra field', { type: 'text', text: { body: 'x' }, colour: 'red' }, 'colour'],
  ])('should answer 400 naming the problem for %s', async (_, body, mentioned) => {
    const res = await sandbox.call('POST', `/_sandbox/customers/${WA_ID}/messages`, {
      body: { phone_number_id: business.phone_number_id, ...body },
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining(mentioned),
    });
  });

  it('should answer 400 for a wa_id that is not a phone number', async () => {
    const res = await sandbox.call('POST', '/_sandbox/customers/abc/messages', {
      body: { phone_number_id: business.phone_number_id, type: 'text', text: { body: 'x' } },
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: expect.stringContaining('wa_id') });
  });
});
