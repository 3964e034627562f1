import { messagesValueSchema, webhookEnvelopeSchema } from '@aerostic/shared';
import { baseWebhook, fuzzCase, MUTATIONS, mayBeStored, prng, sign } from '../../bench/chaos/fuzz.mjs';
import { verdict } from '../../bench/chaos/verdict.mjs';

const SECRET = 'chaos-test-secret';
const schemas = { webhookEnvelopeSchema, messagesValueSchema };
const webhook = () =>
  baseWebhook({ phoneNumberId: '123', wabaId: '456', marker: 'fzT', index: 7, from: '447700100000' });

describe('the chaos fuzzer', () => {
  it('draws the same numbers from the same seed, and others from another', () => {
    const draw = (seed: number) => {
      const rnd = prng(seed);
      return Array.from({ length: 5 }, () => rnd.next());
    };

    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('makes the same body, signature and mutation for the same seed and index, so a failure replays', () => {
    // One webhook for all: its timestamp is the second it was made.
    const template = webhook();
    const cases = (seed: number) =>
      Array.from({ length: 200 }, (_, index) => fuzzCase({ seed, index, appSecret: SECRET, webhook: template }));

    const first = cases(7);
    const again = cases(7);
    const other = cases(8);

    for (const [i, one] of first.entries()) {
      expect(one.body.equals(again[i]!.body)).toBe(true);
      expect(one.headers).toEqual(again[i]!.headers);
      expect(one.mutation).toBe(again[i]!.mutation);
    }
    expect(first.filter((one, i) => !one.body.equals(other[i]!.body)).length).toBeGreaterThan(150);
  });

  it('uses every mutation and every way of signing within a thousand bodies', () => {
    const cases = Array.from({ length: 1000 }, (_, index) =>
      fuzzCase({ seed: 1, index, appSecret: SECRET, webhook: webhook() }),
    );

    expect(new Set(cases.map((one) => one.mutation))).toEqual(new Set(Object.keys(MUTATIONS)));
    expect(new Set(cases.map((one) => one.signing))).toEqual(new Set(['signed', 'unsigned', 'wrong-secret']));
    const invalidUtf8 = cases.filter((one) => one.mutation === 'invalid-utf8');
    expect(invalidUtf8.every((one) => !isUtf8(one.body))).toBe(true);
  });

  it('lets only a correctly signed, UTF-8 Meta envelope with valid messages values be stored', () => {
    const body = Buffer.from(JSON.stringify(webhook()), 'utf8');
    const valid = { signing: 'signed', body };
    const noMetadata = webhook();
    delete (noMetadata.entry[0]!.changes[0]!.value as Partial<(typeof noMetadata.entry)[0]['changes'][0]['value']>)
      .metadata;
    const textAsNumber = webhook();
    (textAsNumber.entry[0]!.changes[0]!.value.messages[0]!.text as unknown as { body: number }).body = 5;
    const extraField = { ...webhook(), unexpected: { nested: true } };

    expect(mayBeStored(valid, schemas)).toBe(true);
    expect(mayBeStored({ signing: 'signed', body: Buffer.from(JSON.stringify(extraField)) }, schemas)).toBe(true);
    expect(mayBeStored({ signing: 'unsigned', body }, schemas)).toBe(false);
    expect(mayBeStored({ signing: 'wrong-secret', body }, schemas)).toBe(false);
    expect(mayBeStored({ signing: 'signed', body: body.subarray(0, body.length - 1) }, schemas)).toBe(false);
    expect(
      mayBeStored(
        { signing: 'signed', body: Buffer.concat([body.subarray(0, 20), Buffer.from([0xff]), body.subarray(20)]) },
        schemas,
      ),
    ).toBe(false);
    expect(mayBeStored({ signing: 'signed', body: Buffer.from('[]') }, schemas)).toBe(false);
    expect(mayBeStored({ signing: 'signed', body: Buffer.from(JSON.stringify(noMetadata)) }, schemas)).toBe(false);
    expect(mayBeStored({ signing: 'signed', body: Buffer.from(JSON.stringify(textAsNumber)) }, schemas)).toBe(false);
  });

  it('signs as Meta does: sha256= and the hex HMAC of the bytes', () => {
    // RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    expect(sign(Buffer.from('The quick brown fox jumps over the lazy dog'), 'key')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });
});

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('the chaos verdict', () => {
  const good = {
    inbound: { accepted: 1000, stored: 1000 },
    outbound: { requested: 500, sent: 480, failedWithReason: 20 },
    duplicates: { count: 1, allowed: 2 },
    drained: true,
    fuzz: { crashes: 0, storedFromInvalid: 0, sent: 1000, expected: 1000 },
    chaos: { done: ['kill api #1', 'Meta outage'], planned: ['kill api #1', 'Meta outage'] },
  };

  it('passes when every target held', () => {
    expect(verdict(good)).toEqual({ pass: true, failures: [], line: 'chaos: PASS' });
  });

  it.each([
    ['a lost inbound message', { inbound: { accepted: 1000, stored: 999 } }, 'inbound stored 999 of 1000 accepted'],
    [
      'a send neither sent nor failed with a reason',
      { outbound: { requested: 500, sent: 479, failedWithReason: 20 } },
      'outbound 1 of 500 neither sent nor failed with a reason',
    ],
    ['more duplicates than kills', { duplicates: { count: 3, allowed: 2 } }, '3 duplicate sends (at most 2)'],
    ['an undrained backlog', { drained: false }, 'the backlog did not drain'],
    ['a crash under the fuzzer', { fuzz: { ...good.fuzz, crashes: 1 } }, '1 crashes under the fuzzer'],
    [
      'a row from an invalid body',
      { fuzz: { ...good.fuzz, storedFromInvalid: 2 } },
      '2 rows stored from invalid fuzz bodies',
    ],
    [
      'a fault that was not injected',
      { chaos: { done: ['kill api #1'], planned: ['kill api #1', 'Meta outage'] } },
      'faults not injected: Meta outage',
    ],
  ])('fails naming %s', (_label, change, failure) => {
    const result = verdict({ ...good, ...change });

    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([failure]);
    expect(result.line).toBe(`chaos: FAIL ${failure}`);
  });

  it('names every failed target in the last line', () => {
    const result = verdict({ ...good, drained: false, duplicates: { count: 5, allowed: 2 } });

    expect(result.line).toBe('chaos: FAIL 5 duplicate sends (at most 2); the backlog did not drain');
  });
});
