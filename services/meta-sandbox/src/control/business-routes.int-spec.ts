import { type Sandbox, startSandbox } from '../test-support/sandbox-harness';

describe('control API: businesses, outbox and faults', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('should create a business with generated unique ids and a 1555010xxxx number when given nothing', async () => {
    const first = await sandbox.call<Record<string, string>>('POST', '/_sandbox/businesses');
    const second = await sandbox.call<Record<string, string>>('POST', '/_sandbox/businesses', { body: {} });

    expect(first.status).toBe(201);
    expect(first.body.display_phone_number).toMatch(/^1555010\d{4}$/);
    const ids = [first.body, second.body].flatMap((b) => [b.business_id, b.waba_id, b.phone_number_id]);
    expect(new Set(ids).size).toBe(6);
    expect(first.body.display_phone_number).not.toBe(second.body.display_phone_number);
    expect(first.body.code).not.toBe(second.body.code);
  });

  it('should refuse a display number that is taken and name bad fields', async () => {
    await sandbox.createBusiness({ display_phone_number: '+1 555-010-0007' });

    const taken = await sandbox.call('POST', '/_sandbox/businesses', { body: { display_phone_number: '15550100007' } });
    const bad = await sandbox.call('POST', '/_sandbox/businesses', {
      body: { display_phone_number: '12', throughput_level: 'FAST' },
    });

    expect(taken.status).toBe(409);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringMatching(/display_phone_number.*throughput_level/) });
  });

  it('should list business numbers with their subscription and registration', async () => {
    const business = await sandbox.createBusiness({ name: 'Listed', throughput_level: 'HIGH', subscribed: false });

    const res = await sandbox.call('GET', '/_sandbox/businesses');

    expect(res.body).toEqual({
      data: [
        {
          business_id: business.business_id,
          name: 'Listed',
          waba_id: business.waba_id,
          phone_number_id: business.phone_number_id,
          display_phone_number: business.display_phone_number,
          verified_name: 'Listed',
          throughput_level: 'HIGH',
          registered: false,
          subscribed: false,
        },
      ],
    });
  });

  it('should answer an empty outbox until the send endpoint exists', async () => {
    const business = await sandbox.createBusiness();

    const res = await sandbox.call('GET', `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`);

    expect(res).toMatchObject({ status: 200, body: { data: [] } });
  });

  it('should show, merge and clear faults', async () => {
    const initial = await sandbox.call('GET', '/_sandbox/faults');
    await sandbox.call('POST', '/_sandbox/faults', { body: { duplicate: 1 } });
    const merged = await sandbox.call('POST', '/_sandbox/faults', { body: { latency_ms: 10 } });
    const cleared = await sandbox.call('DELETE', '/_sandbox/faults');

    const none = {
      duplicate: 0,
      batch: 0,
      reorder: false,
      drop_first: 0,
      fail_first: 0,
      latency_ms: 0,
      fail_recipients: {},
      send_latency_ms: 0,
      send_5xx: 0,
      send_timeout: 0,
      send_spam_limit: 0,
      graph_5xx: 0,
      outage_until: 0,
    };
    expect(initial.body).toEqual({ faults: none, held: { batch: 0, reorder: 0 } });
    expect(merged.body).toMatchObject({ faults: { ...none, duplicate: 1, latency_ms: 10 } });
    expect(cleared.body).toEqual({ faults: none, held: { batch: 0, reorder: 0 }, released: { batch: 0, reorder: 0 } });
  });

  it('should answer 404 with a JSON error for an unknown control route', async () => {
    const res = await sandbox.call('GET', '/_sandbox/nope');

    expect(res.status).toBe(404);
  });
});
