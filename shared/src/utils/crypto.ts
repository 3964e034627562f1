import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
/** `v1.<iv>.<tag>.<ciphertext>`: one key, no key id, no associated data. Still read, never written. */
const V1 = 'v1';
/** `v2.<key id>.<iv>.<tag>.<ciphertext>`, with associated data (empty when the secret is bound to nothing). */
const V2 = 'v2';

/** Reads a 32-byte key given as 64 hex characters or base64. */
export function parseEncryptionKey(key: string): Buffer {
  const buf = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (buf.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes');
  return buf;
}

/** The keys that can open secrets; `current` seals. Build one with `createKeyRing`. */
export interface KeyRing {
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A key's id: derived from the key (a digest, not the key), so operators never have to name keys themselves. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('aerostic-key-id\0').update(key).digest('base64url').slice(0, 8);
}

/** The current key first, then the keys it replaced (still read until `keys:rotate` has re-sealed everything). */
export function createKeyRing(current: Buffer, old: readonly Buffer[] = []): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...old]) {
    if (key.length !== 32) throw new Error('Encryption keys must be 32 bytes');
    if (!keys.has(keyIdOf(key))) keys.set(keyIdOf(key), key);
  }
  return { currentId: keyIdOf(current), keys };
}

/** `ENCRYPTION_KEY` and the comma-separated `ENCRYPTION_KEYS_OLD`, as the services read them. */
export function keyRingFromEnv(env: { ENCRYPTION_KEY: string; ENCRYPTION_KEYS_OLD?: string | undefined }): KeyRing {
  return createKeyRing(parseEncryptionKey(env.ENCRYPTION_KEY), parseOldKeys(env.ENCRYPTION_KEYS_OLD));
}

/** The old keys of a comma-separated list; empty entries are ignored. */
export function parseOldKeys(list: string | undefined): Buffer[] {
  return (list ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map(parseEncryptionKey);
}

function asRing(keyOrRing: Buffer | KeyRing): KeyRing {
  return Buffer.isBuffer(keyOrRing) ? createKeyRing(keyOrRing) : keyOrRing;
}

/**
 * AES-256-GCM with the ring's current key; output is `v2.<key id>.<iv>.<tag>.<ciphertext>` in base64url, safe to
 * store and to put in a job. `aad` binds the secret to its owner (a WhatsApp account id): opened with another, it fails.
 */
export function encryptSecret(plain: string, keyOrRing: Buffer | KeyRing, aad = ''): string {
  const ring = asRing(keyOrRing);
  const key = ring.keys.get(ring.currentId) as Buffer;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [V2, ring.currentId, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
}

function open(key: Buffer, iv: string, tag: string, body: string, aad: string | null): string {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  if (aad !== null) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Opens a secret with the key its id names (v2, checking `aad`), or a v1 secret with whichever key of the ring
 * sealed it (v1 had no associated data). Throws when no key of the ring opens it.
 */
export function decryptSecret(sealed: string, keyOrRing: Buffer | KeyRing, aad = ''): string {
  const ring = asRing(keyOrRing);
  const parts = sealed.split('.');
  if (parts[0] === V2 && parts.length === 5) {
    const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
    const key = ring.keys.get(keyId);
    if (!key) throw new Error(`Sealed with key ${keyId}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEYS_OLD`);
    return open(key, iv, tag, body, aad);
  }
  if (parts[0] === V1 && parts.length === 4) {
    const [, iv, tag, body] = parts as [string, string, string, string];
    for (const key of ring.keys.values()) {
      try {
        return open(key, iv, tag, body, null);
      } catch {
        // The next key of the ring may be the one.
      }
    }
    throw new Error('No key of the ring opens this secret');
  }
  throw new Error('Not an encrypted secret');
}

/** Whether `keys:rotate` still has to re-seal this secret: an old format, or another key than the current one. */
export function needsResealing(sealed: string, ring: KeyRing): boolean {
  const [version, keyId] = sealed.split('.');
  return version !== V2 || keyId !== ring.currentId;
}
