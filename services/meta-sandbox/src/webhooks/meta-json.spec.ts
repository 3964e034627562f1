import { createHmac, timingSafeEqual } from 'node:crypto';
import { toMetaJson } from './meta-json';
import { signatureSha256 } from './signature';

describe(toMetaJson.name, () => {
  it('should escape non-ASCII as lower-case \\u escapes, emoji as surrogate pairs, and / as \\/', () => {
    const json = toMetaJson({ text: { body: 'äöå/😀' } });

    expect(json).toBe('{"text":{"body":"\\u00e4\\u00f6\\u00e5\\/\\ud83d\\ude00"}}');
  });

  it('should produce pure ASCII that parses back to the same value', () => {
    const value = { name: 'Lucía Gómez', url: 'https://philzcoffee.com/', emoji: '👍🏽', zh: '你好', n: 1.5 };

    const json = toMetaJson(value);

    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe(signatureSha256.name, () => {
  const secret = 'app-secret';
  const verify = (raw: Buffer, header: string) => {
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
    const given = Buffer.from(header);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  it('should sign the exact escaped bytes so a receiver verifying the raw body accepts it', () => {
    const body = toMetaJson({ text: { body: 'äöå/😀' } });

    const header = signatureSha256(body, secret);

    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify(Buffer.from(body, 'utf8'), header)).toBe(true);
  });

  it('should not verify when the receiver re-serialises the parsed body before checking', () => {
    const body = toMetaJson({ text: { body: 'äöå/😀' } });
    const header = signatureSha256(body, secret);

    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body)), 'utf8');

    expect(verify(reserialised, header)).toBe(false);
  });
});
