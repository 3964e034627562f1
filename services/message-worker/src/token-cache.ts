import { decryptSecret } from '@aerostic/shared';

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

  /** The plaintext token; throws like decryptSecret when the sealed form is not one of ours. */
  open(sealed: string, key: Buffer): string {
    const now = this.now();
    const hit = this.entries.get(sealed);
    if (hit !== undefined && hit.expiresAt > now) return hit.token;
    const token = decryptSecret(sealed, key);
    if (this.entries.size >= this.maxEntries) {
      for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    this.entries.set(sealed, { token, expiresAt: now + this.ttlMs });
    return token;
  }
}
