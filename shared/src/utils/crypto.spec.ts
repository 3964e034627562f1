import { createCipheriv, randomBytes } from 'node:crypto';
import {
  createKeyRing,
  decryptSecret,
  encryptSecret,
  keyIdOf,
  keyRingFromEnv,
  needsResealing,
  parseEncryptionKey,
} from './crypto';

/** A secret in the format written before the key ring: `v1.<iv>.<tag>.<ciphertext>`, no key id, no AAD. */
function sealV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

describe('encryptSecret', () => {
  const key = randomBytes(32);

  it('should round-trip a secret and never store it in clear text', () => {
    const sealed = encryptSecret('EAAG-token-ü', key);
    expect(sealed).not.toContain('EAAG');
    expect(decryptSecret(sealed, key)).toBe('EAAG-token-ü');
  });

  it('should refuse a tampered ciphertext', () => {
    const parts = encryptSecret('secret', key).split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
  });

  it('should refuse a secret sealed with a key the ring does not hold', () => {
    expect(() => decryptSecret(encryptSecret('secret', key), randomBytes(32))).toThrow('neither ENCRYPTION_KEY');
  });

  it('should accept hex and base64 keys', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(() => parseEncryptionKey('short')).toThrow('32 bytes');
  });
});

describe('key ring', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('should name the current key in each secret and open secrets of an old key by its id', () => {
    const sealedBefore = encryptSecret('EAAG-before', createKeyRing(oldKey));
    const ring = createKeyRing(newKey, [oldKey]);
    const sealedAfter = encryptSecret('EAAG-after', ring);

    expect(sealedBefore.split('.')[1]).toBe(keyIdOf(oldKey));
    expect(sealedAfter.split('.')[1]).toBe(keyIdOf(newKey));
    expect(decryptSecret(sealedBefore, ring)).toBe('EAAG-before');
    expect(decryptSecret(sealedAfter, ring)).toBe('EAAG-after');
  });

  it('should re-seal only what an old key or the old format sealed', () => {
    const ring = createKeyRing(newKey, [oldKey]);
    expect(needsResealing(encryptSecret('a', createKeyRing(oldKey)), ring)).toBe(true);
    expect(needsResealing(sealV1('a', oldKey), ring)).toBe(true);
    expect(needsResealing(encryptSecret('a', ring), ring)).toBe(false);
  });

  it('should still read the v1 format with any key of the ring', () => {
    const ring = createKeyRing(newKey, [oldKey]);
    expect(decryptSecret(sealV1('EAAG-v1', oldKey), ring, 'any-account')).toBe('EAAG-v1');
    expect(() => decryptSecret(sealV1('EAAG-v1', randomBytes(32)), ring)).toThrow('No key of the ring');
  });

  it('should refuse a secret opened with other associated data than it was sealed with', () => {
    const ring = createKeyRing(newKey);
    const sealed = encryptSecret('EAAG-account-a', ring, 'account-a');
    expect(decryptSecret(sealed, ring, 'account-a')).toBe('EAAG-account-a');
    expect(() => decryptSecret(sealed, ring, 'account-b')).toThrow();
    expect(() => decryptSecret(sealed, ring)).toThrow();
  });

  it('should read ENCRYPTION_KEY and the comma-separated ENCRYPTION_KEYS_OLD', () => {
    const ring = keyRingFromEnv({
      ENCRYPTION_KEY: newKey.toString('hex'),
      ENCRYPTION_KEYS_OLD: ` ${oldKey.toString('base64')}, ,${randomBytes(32).toString('hex')}`,
    });
    expect(ring.currentId).toBe(keyIdOf(newKey));
    expect(ring.keys.size).toBe(3);
    expect(() => keyRingFromEnv({ ENCRYPTION_KEY: newKey.toString('hex'), ENCRYPTION_KEYS_OLD: 'short' })).toThrow();
  });
});
