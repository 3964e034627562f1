import { GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type ErrorAnswer = { error: { code: number; message: string; error_data?: { details: string } } };
type ReadReceiptView = { phone_number_id: string; message_id: string; typing_indicator: string | null };

const WA_ID = '16505551234';

describe('mark as read and the spam rate limit on POST /{phone-number-id}/messages', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ config: { statusDelaysMs: [5, 5, 5] } });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await sandbox.call('DELETE', '/_sandbox/faults');
  });

  async function newNumber() {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);
    await sandbox.call('POST', `/_sandbox/customers/${WA_ID}/window`, {
      body: { phone_number_id: business.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
    });
    const post = <T>(body: Record<string, unknown>) =>
      sandbox.call<T>('POST', `/${GRAPH_VERSION}/${business.phone_number_id}/messages`, {
        token,
        body: { messaging_product: 'whatsapp', ...body },
      });
    const list = async <T>(path: string) =>
      (await sandbox.call<{ data: T[] }>('GET', `/_sandbox/${path}?phone_number_id=${business.phone_number_id}`)).body
        .data;
    return { phoneNumberId: business.phone_number_id, post, list };
  }

  it('should record each mark-as-read call for its number, apart from the outbox', async () => {
    const a = await newNumber();
    const b = await newNumber();

    const first = await a.post({ status: 'read', message_id: 'wamid.A1' });
    await a.post({ status: 'read', message_id: 'wamid.A2', typing_indicator: { type: 'text' } });
    await b.post({ status: 'read', message_id: 'wamid.B1' });

    expect(first).toMatchObject({ status: 200, body: { success: true } });
    expect(await a.list<ReadReceiptView>('read-receipts')).toEqual([
      expect.objectContaining({ phone_number_id: a.phoneNumberId, message_id: 'wamid.A1', typing_indicator: null }),
      expect.objectContaining({ phone_number_id: a.phoneNumberId, message_id: 'wamid.A2', typing_indicator: 'text' }),
    ]);
    expect(await b.list<ReadReceiptView>('read-receipts')).toHaveLength(1);
    expect(await a.list('outbox')).toEqual([]);
  });

  it('should refuse a mark-as-read without message_id and record nothing', async () => {
    const a = await newNumber();

    const res = await a.post<ErrorAnswer>({ status: 'read' });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(await a.list('read-receipts')).toEqual([]);
  });

  it('should answer 131048 to the next sends while the send_spam_limit fault lasts, then accept again', async () => {
    const a = await newNumber();
    await sandbox.call('POST', '/_sandbox/faults', { body: { send_spam_limit: 2 } });
    const text = { to: WA_ID, type: 'text', text: { body: 'Hello' } };

    const refused = [await a.post<ErrorAnswer>(text), await a.post<ErrorAnswer>(text)];
    const accepted = await a.post(text);

    for (const res of refused) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 131048, message: '(#131048) Spam rate limit hit' });
    }
    expect(accepted.status).toBe(200);
    expect(await a.list('outbox')).toHaveLength(1);
    const faults = await sandbox.call<{ faults: { send_spam_limit: number } }>('GET', '/_sandbox/faults');
    expect(faults.body.faults.send_spam_limit).toBe(0);
  });
});
