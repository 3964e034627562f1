import { encryptSecret } from '@aerostic/shared';
import { randomBytes } from 'node:crypto';
import { TokenCache } from './token-cache';

describe(TokenCache.name, () => {
  const key = randomBytes(32);
  const otherKey = randomBytes(32);
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('should open a sealed token', () => {
    const cache = new TokenCache(10_000, 10, now);

    expect(cache.open(encryptSecret('EAAG-token-1', key), key)).toBe('EAAG-token-1');
  });

  it('should answer a token opened within the last ttl from memory, and open it again after', () => {
    const cache = new TokenCache(10_000, 10, now);
    const sealed = encryptSecret('EAAG-token-2', key);
    cache.open(sealed, key);

    // With the wrong key only the memory can answer; once the entry is stale the real decryption refuses it.
    clock += 9_999;
    expect(cache.open(sealed, otherKey)).toBe('EAAG-token-2');
    clock += 1;
    expect(() => cache.open(sealed, otherKey)).toThrow();
  });

  it('should refuse a token sealed for another number, even one it opened a moment ago', () => {
    const cache = new TokenCache(10_000, 10, now);
    const sealed = encryptSecret('EAAG-token-3', key, 'account-a');
    expect(cache.open(sealed, key, 'account-a')).toBe('EAAG-token-3');

    expect(() => cache.open(sealed, key, 'account-b')).toThrow();
  });

  it('should treat a token sealed again as a new one', () => {
    const cache = new TokenCache(10_000, 10, now);
    cache.open(encryptSecret('EAAG-old', key), key);

    expect(cache.open(encryptSecret('EAAG-new', key), key)).toBe('EAAG-new');
  });

  it('should not hold more than its limit', () => {
    const cache = new TokenCache(10_000, 2, now);
    const first = encryptSecret('EAAG-a', key);
    cache.open(first, key);
    cache.open(encryptSecret('EAAG-b', key), key);
    cache.open(encryptSecret('EAAG-c', key), key);

    // Full of live entries, the cache started afresh: the first token is opened again, so the wrong key fails.
    expect(() => cache.open(first, otherKey)).toThrow();
  });
});
