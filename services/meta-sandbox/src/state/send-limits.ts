import type { ThroughputLevel } from './accounts';

/** Messages per second per throughput level (reference §6): STANDARD 80, HIGH 1,000. */
export const THROUGHPUT_MPS: Record<ThroughputLevel, number> = { STANDARD: 80, HIGH: 1_000 };

/** Pair rate (reference §6): a burst of 45 to one recipient, then one message per 6 s. */
export const PAIR_BURST = 45;
export const PAIR_REFILL_MS = 6_000;

type Bucket = { tokens: number; at: number };

/** Token buckets by key: `capacity` tokens, refilled continuously at `perMs` tokens per millisecond. */
class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, capacity: number, perMs: number, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export type SendStats = { accepted: number; throttled: number; pair_limited: number; rejected: number };

/**
 * Meta's send limits. Throughput is a bucket holding one second of the number's rate (so a sender pacing at
 * the rate is never refused because of network jitter, and a burst above it is); the pair rate is a bucket
 * per (number, recipient). Both read the sandbox clock, so tests step time instead of waiting.
 */
export class SendLimits {
  private readonly throughput = new TokenBuckets();
  private readonly pairs = new TokenBuckets();
  private readonly stats = new Map<string, SendStats>();

  takeThroughput(phoneNumberId: string, level: ThroughputLevel, now: number): boolean {
    const mps = THROUGHPUT_MPS[level];
    return this.throughput.take(phoneNumberId, mps, mps / 1000, now);
  }

  takePair(phoneNumberId: string, waId: string, now: number): boolean {
    return this.pairs.take(`${phoneNumberId}:${waId}`, PAIR_BURST, 1 / PAIR_REFILL_MS, now);
  }

  count(phoneNumberId: string, outcome: keyof SendStats): void {
    const stats = this.statsOf(phoneNumberId);
    stats[outcome] += 1;
  }

  statsOf(phoneNumberId: string): SendStats {
    let stats = this.stats.get(phoneNumberId);
    if (!stats) {
      stats = { accepted: 0, throttled: 0, pair_limited: 0, rejected: 0 };
      this.stats.set(phoneNumberId, stats);
    }
    return stats;
  }
}
