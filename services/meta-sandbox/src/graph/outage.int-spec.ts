import { GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

const WA_ID = '16505551234';

describe('outage_s fault: Meta away for a while', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ config: { statusDelaysMs: [5, 5, 5] } });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** A text send, answered with its status, or 'timeout' when no answer came within 200 ms. */
  const sendText = (phoneNumberId: string, token: string): Promise<number | 'timeout'> =>
    fetch(`${sandbox.baseUrl}/${GRAPH_VERSION}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: WA_ID, type: 'text', text: { body: 'Hello' } }),
      signal: AbortSignal.timeout(200),
    }).then(
      (res) => res.status,
      () => 'timeout' as const,
    );

  it('should refuse or leave unanswered every send and Graph call while it lasts, then accept again', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);
    await sandbox.call('POST', `/_sandbox/customers/${WA_ID}/window`, {
      body: { phone_number_id: business.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
    });
    await sandbox.call('POST', '/_sandbox/faults', { body: { outage_s: 2 } });
    const send = () => sendText(business.phone_number_id, token);

    const during = [await send(), await send(), await send(), await send()];
    const read = await sandbox.call('GET', `/${GRAPH_VERSION}/${business.phone_number_id}`, { token });
    const faults = await sandbox.call<{ faults: { outage_until: number } }>('GET', '/_sandbox/faults');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, faults.body.faults.outage_until - Date.now())));
    const after = await send();

    expect(during).toEqual([500, 'timeout', 500, 'timeout']);
    expect(read.status).toBe(500);
    expect(after).toBe(200);
    const outbox = await sandbox.call<{ data: unknown[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data).toHaveLength(1);
  });

  it('should keep the sends alternating between a 500 and no answer when Graph reads come in between', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);
    await sandbox.call('POST', '/_sandbox/faults', { body: { outage_s: 5 } });
    const send = () => sendText(business.phone_number_id, token);
    const read = () =>
      sandbox.call('GET', `/${GRAPH_VERSION}/${business.phone_number_id}`, { token }).then((res) => res.status);

    const seen = [await send(), await read(), await read(), await read(), await send()];
    await sandbox.call('POST', '/_sandbox/faults', { body: { outage_s: 0 } });

    expect(seen).toEqual([500, 500, 500, 500, 'timeout']);
  });

  it('should end at once when outage_s is set to 0', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { outage_s: 60 } });
    const during = await sandbox.call<{ faults: { outage_until: number } }>('GET', '/_sandbox/faults');
    const ended = await sandbox.call<{ faults: { outage_until: number } }>('POST', '/_sandbox/faults', {
      body: { outage_s: 0 },
    });

    expect(during.body.faults.outage_until).toBeGreaterThan(Date.now() + 50_000);
    expect(ended.body.faults.outage_until).toBe(0);
  });
});
