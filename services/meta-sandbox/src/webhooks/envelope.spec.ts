import { buildEnvelope, type WebhookItem, wamidsOf } from './envelope';

const messageItem = (wabaId: string, phoneNumberId: string, wamid: string, waId: string): WebhookItem => ({
  wabaId,
  field: 'messages',
  value: {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550100001', phone_number_id: phoneNumberId },
    contacts: [{ profile: { name: waId }, wa_id: waId }],
    messages: [{ from: waId, id: wamid, timestamp: '1', type: 'text', text: { body: wamid } }],
  },
});

const statusItem = (wabaId: string, phoneNumberId: string, wamid: string): WebhookItem => ({
  wabaId,
  field: 'messages',
  value: {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550100001', phone_number_id: phoneNumberId },
    statuses: [{ id: wamid, status: 'sent', timestamp: '1', recipient_id: '1' }],
  },
});

describe(buildEnvelope.name, () => {
  it('should wrap one item in the whatsapp_business_account envelope with the WABA as entry id', () => {
    const envelope = buildEnvelope([messageItem('100', '200', 'wamid.A', '16505551234')]);

    expect(envelope).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100',
          changes: [{ field: 'messages', value: messageItem('100', '200', 'wamid.A', '16505551234').value }],
        },
      ],
    });
  });

  it('should merge messages of one number into one change and de-duplicate contacts when batching', () => {
    const envelope = buildEnvelope([
      messageItem('100', '200', 'wamid.A', '111111'),
      messageItem('100', '200', 'wamid.B', '111111'),
      messageItem('100', '200', 'wamid.C', '222222'),
    ]);

    expect(envelope.entry).toHaveLength(1);
    expect(envelope.entry[0]!.changes).toHaveLength(1);
    const value = envelope.entry[0]!.changes[0]!.value;
    expect((value.messages as { id: string }[]).map((m) => m.id)).toEqual(['wamid.A', 'wamid.B', 'wamid.C']);
    expect((value.contacts as { wa_id: string }[]).map((c) => c.wa_id)).toEqual(['111111', '222222']);
  });

  it('should keep statuses, other numbers and other fields in separate changes and WABAs in separate entries', () => {
    const envelope = buildEnvelope([
      messageItem('100', '200', 'wamid.A', '111111'),
      statusItem('100', '200', 'wamid.S'),
      messageItem('300', '400', 'wamid.B', '111111'),
      { wabaId: '100', field: 'account_update', value: { event: 'ACCOUNT_VIOLATION' }, time: 1700000000 },
      statusItem('100', '200', 'wamid.T'),
    ]);

    expect(envelope.entry.map((e) => e.id)).toEqual(['100', '300']);
    expect(envelope.entry[0]!.time).toBe(1700000000);
    expect(envelope.entry[1]!.time).toBeUndefined();
    expect(envelope.entry[0]!.changes.map((c) => c.field)).toEqual(['messages', 'messages', 'account_update']);
    expect(wamidsOf(envelope)).toEqual(['wamid.A', 'wamid.S', 'wamid.T', 'wamid.B']);
  });

  it('should not modify the items it merges', () => {
    const first = messageItem('100', '200', 'wamid.A', '111111');

    buildEnvelope([first, messageItem('100', '200', 'wamid.B', '222222')]);

    expect(first.value.messages).toHaveLength(1);
    expect(first.value.contacts).toHaveLength(1);
  });
});
