import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, the alphabet of Meta's tokens and codes. */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 248 = 4 × 62: rejecting larger bytes keeps every character equally likely.
  for (let i = 0; out.length < length; i++) {
    const byte = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (byte < 248) out += ALPHANUMERIC[byte % 62];
  }
  return out;
}

/**
 * Numeric ids like Meta's (15 or 16 digits). Random rather than counted, so that ids handed out before a
 * reset never come back afterwards and collide with what the platform already stored.
 */
export class IdGenerator {
  private readonly issued = new Set<string>();

  next(): string {
    for (;;) {
      const id = `${randomInt(1, 10)}${String(randomInt(0, 1e7)).padStart(7, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}

/**
 * `wamid.` + base64 of the same layout Meta uses (a Thrift-like header, the customer's number, a random
 * hex id), so that receivers see realistic lengths and characters.
 */
export function newWamid(waId: string): string {
  const digits = waId.replace(/\D/g, '').slice(0, 20);
  const random = randomBytes(10).toString('hex').toUpperCase();
  const raw = Buffer.concat([
    Buffer.from([0x1c, 0x18, digits.length]),
    Buffer.from(digits, 'ascii'),
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, random.length]),
    Buffer.from(random, 'ascii'),
    Buffer.from([0x00]),
  ]);
  return `wamid.${raw.toString('base64')}`;
}

/** Like Meta's `fbtrace_id`: opaque, URL-safe, about 23 characters. */
export function newTraceId(): string {
  return `A${randomBytes(17).toString('base64url')}`;
}
