import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs every webhook POST with this header (Node lower-cases header names). */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

const SCHEME = 'sha256=';
const DIGEST_BYTES = 32;
const HEADER_LENGTH = SCHEME.length + DIGEST_BYTES * 2;

/** The `X-Hub-Signature-256` value Meta sends for `body`: `sha256=` + hex HMAC-SHA256 with the app secret. */
export function signPayload(body: Buffer | string, appSecret: string): string {
  return SCHEME + createHmac('sha256', appSecret).update(body).digest('hex');
}

/**
 * Checks `X-Hub-Signature-256` against HMAC-SHA256 of the raw bytes, in constant time. Returns the verified digest
 * as lower-case hex, or undefined when the header is missing, malformed or wrong; the digest identifies the exact
 * bytes, so the caller can use it as the job id without hashing the body again.
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  /** As a Buffer when it is reused: HMAC then skips converting the string on every request. */
  appSecret: string | Buffer,
): string | undefined {
  // Exact length first: Buffer.from(hex) silently drops an odd trailing digit, which must not pass.
  if (typeof header !== 'string' || header.length !== HEADER_LENGTH || !header.startsWith(SCHEME)) return undefined;
  // A non-hex character stops the decoding early, so a short buffer means a malformed header.
  const given = Buffer.from(header.slice(SCHEME.length), 'hex');
  if (given.length !== DIGEST_BYTES) return undefined;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(given, expected) ? expected.toString('hex') : undefined;
}
