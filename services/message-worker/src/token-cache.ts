import { decryptSecret, type KeyRing } from '@aerostic/shared';

/**
 * Opened access tokens, by their sealed form, for a few seconds: every send of a busy number carries the same sealed
 * token, and opening it (AES-GCM) on each one showed in the worker's profile. A token sealed again (rotated, or a
 * new connection) is a new key. Plaintext tokens stay in this process's memory for ttlMs at most.
 */
export class TokenCache {
  private readonly entries = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The plaintext token of the number `whatsappAccountId` (the associated data it was sealed with); throws like
   * decryptSecret when the sealed form is not one of ours or belongs to another number.
   */
  open(sealed: string, keys: Buffer | KeyRing, whatsappAccountId = ''): string {
    const now = this.now();
    // Keyed by the account too: a sealed token copied into another number's job must not open from the cache.
    const entry = `${whatsappAccountId}\0${sealed}`;
    const hit = this.entries.get(entry);
    if (hit !== undefined && hit.expiresAt > now) return hit.token;
    const token = decryptSecret(sealed, keys, whatsappAccountId);
    if (this.entries.size >= this.maxEntries) {
      for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    this.entries.set(entry, { token, expiresAt: now + this.ttlMs });
    return token;
  }
}
