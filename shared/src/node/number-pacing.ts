import type { Redis } from 'ioredis';

/**
 * The share of a number's throughput the pacer uses. Meta counts a send when it arrives, and the event loop, the
 * request and the network add jitter that could push sends spaced exactly at the rate into one second
 * (docs/adr/0063-pace-at-97-percent-of-the-rate.md).
 */
export const RATE_SHARE = 0.97;

/** Milliseconds between two sends of a number at this many messages per second. */
export function sendIntervalMs(messagesPerSecond: number): number {
  return 1000 / (messagesPerSecond * RATE_SHARE);
}

/**
 * A number's pacing keys in Redis, below REDIS_PREFIX: `slot`, when its next send may leave, and `slowdown`, the
 * factor spacing its sends wider during a cool-off. Whoever learns that Meta wants the number slower sets the
 * cool-off: the message-worker from a send's answer, the API from a `failed` status webhook.
 */
export function pacerKeysOf(phoneNumberId: string): { slot: string; slowdown: string } {
  const slot = `pacer:${phoneNumberId}`;
  return { slot, slowdown: `${slot}:slow` };
}

/**
 * Keeps the stronger of the running cool-off and the new one: the larger factor and the later end, so a late or
 * repeated report never shortens a cool-off. KEYS[1] the slowdown key; ARGV factor, time to live (ms).
 */
const SLOW_DOWN_SCRIPT = `
local factor = math.max(tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[1])) or 1)
local ttl = math.max(tonumber(ARGV[2]), redis.call('PTTL', KEYS[1]))
redis.call('SET', KEYS[1], tostring(factor), 'PX', ttl)
return ttl
`;

/**
 * Spaces a number's sends `factor` times wider until `untilMs` (epoch ms), unless a stronger cool-off is running.
 * `key` is `pacerKeysOf(id).slowdown`, behind the REDIS_PREFIX unless the client adds it itself (`keyPrefix`).
 * Answers whether anything was set: nothing is once `untilMs` has passed or for a factor of 1 or less.
 */
export async function slowDownNumber(redis: Redis, key: string, factor: number, untilMs: number): Promise<boolean> {
  const ttlMs = Math.ceil(untilMs - Date.now());
  if (ttlMs <= 0 || factor <= 1) return false;
  await redis.eval(SLOW_DOWN_SCRIPT, 1, key, factor, ttlMs);
  return true;
}

/** A running cool-off: the factor by which the number's sends are spaced wider, and when it ends (epoch ms). */
export interface NumberSlowdown {
  factor: number;
  untilMs: number;
}

/** The running cool-off of each of these `pacerKeysOf(id).slowdown` keys, or null: one round trip for all. */
export async function readSlowdowns(redis: Redis, keys: readonly string[]): Promise<(NumberSlowdown | null)[]> {
  if (keys.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.get(key).pttl(key);
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  return keys.map((_, i) => {
    const [getError, factor] = replies[2 * i] ?? [null, null];
    const [ttlError, ttlMs] = replies[2 * i + 1] ?? [null, -2];
    if (getError) throw getError;
    if (ttlError) throw ttlError;
    if (typeof factor !== 'string' || typeof ttlMs !== 'number' || ttlMs < 0) return null;
    return { factor: Number(factor), untilMs: now + ttlMs };
  });
}
