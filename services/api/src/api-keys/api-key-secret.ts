import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_MARKER } from '@aerostic/shared';

const PREFIX_PATTERN = /^[0-9a-f]{12}$/;
const SECRET_PATTERN = /^[0-9a-f]{64}$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

/** `aer_live_<12 hex prefix>_<64 hex secret>`: 256 random bits, so a plain SHA-256 is a sound hash. */
export function generateApiKey(): ParsedApiKey & { key: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { prefix, secret, key: `${API_KEY_MARKER}${prefix}_${secret}` };
}

export function parseApiKey(key: string): ParsedApiKey | null {
  if (!key.startsWith(API_KEY_MARKER)) return null;
  const [prefix = '', secret = ''] = key.slice(API_KEY_MARKER.length).split('_');
  return PREFIX_PATTERN.test(prefix) && SECRET_PATTERN.test(secret) ? { prefix, secret } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretMatches(secret: string, hash: Buffer): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
