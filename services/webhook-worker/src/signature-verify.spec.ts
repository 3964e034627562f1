import { createHmac } from 'node:crypto';
import { signPayload, verifySignature } from './signature-verify';

const SECRET = 'app-secret';
const BODY = Buffer.from('{"object":"whatsapp_business_account","text":"\\u00e4 https:\\/\\/x"}');
const DIGEST = createHmac('sha256', SECRET).update(BODY).digest('hex');

describe(verifySignature.name, () => {
  it('should return the digest when the header is the HMAC-SHA256 of the raw bytes', () => {
    expect(verifySignature(BODY, `sha256=${DIGEST}`, SECRET)).toBe(DIGEST);
  });

  it('should accept upper-case hex when the digest matches', () => {
    expect(verifySignature(BODY, `sha256=${DIGEST.toUpperCase()}`, SECRET)).toBe(DIGEST);
  });

  it('should refuse when the header is missing', () => {
    expect(verifySignature(BODY, undefined, SECRET)).toBeUndefined();
  });

  it('should refuse when the header is repeated', () => {
    expect(verifySignature(BODY, [`sha256=${DIGEST}`, `sha256=${DIGEST}`], SECRET)).toBeUndefined();
  });

  it('should refuse when the body differs by one byte', () => {
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 2] ^= 1;

    expect(verifySignature(tampered, `sha256=${DIGEST}`, SECRET)).toBeUndefined();
  });

  it('should refuse when the body was re-serialised from its JSON', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8'))));

    expect(reserialised.equals(BODY)).toBe(false);
    expect(verifySignature(reserialised, `sha256=${DIGEST}`, SECRET)).toBeUndefined();
  });

  it('should refuse when the digest was made with another secret', () => {
    expect(verifySignature(BODY, signPayload(BODY, 'other-secret'), SECRET)).toBeUndefined();
  });

  it.each([
    ['another scheme', `sha1=${DIGEST}`],
    ['no scheme', DIGEST],
    ['a digest one hex digit short', `sha256=${DIGEST.slice(0, -1)}`],
    ['an extra odd hex digit', `sha256=${DIGEST}a`],
    ['an extra byte', `sha256=${DIGEST}00`],
    ['a non-hex character', `sha256=${DIGEST.slice(0, -1)}z`],
    ['an empty digest', 'sha256='],
  ])('should refuse when the header has %s', (_case, header) => {
    expect(verifySignature(BODY, header, SECRET)).toBeUndefined();
  });
});

describe(signPayload.name, () => {
  it('should produce a header that verifySignature accepts when given the same bytes and secret', () => {
    const header = signPayload(BODY, SECRET);

    expect(header).toBe(`sha256=${DIGEST}`);
    expect(verifySignature(BODY, header, SECRET)).toBe(DIGEST);
  });
});
