import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, parseEncryptionKey } from './crypto';

describe('encryptSecret', () => {
  const key = randomBytes(32);

  it('should round-trip a secret when decrypted with the same key', () => {
    const sealed = encryptSecret('EAAG-token-ü', key);
    expect(sealed).not.toContain('EAAG');
    expect(decryptSecret(sealed, key)).toBe('EAAG-token-ü');
  });

  it('should refuse to decrypt when the ciphertext was tampered with', () => {
    const parts = encryptSecret('secret', key).split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
  });

  it('should refuse to decrypt when the key differs', () => {
    expect(() => decryptSecret(encryptSecret('secret', key), randomBytes(32))).toThrow();
  });

  it('should accept hex and base64 keys of 32 bytes and reject others', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(() => parseEncryptionKey('short')).toThrow('32 bytes');
  });
});
