import type { Redis } from 'ioredis';

/**
 * A token bucket per phone number in Redis, refilled at the number's messages per second, holding a tenth of a
 * second's worth (at least 1) so a backlog goes out evenly instead of in bursts Meta would refuse (130429).
 * A caller whose token is due within maxWaitMs reserves it (the bucket goes below zero) and waits in process;
 * anyone later reserves nothing and is told to come back. Atomic: one script per call, Redis's clock.
 *
 * KEYS[1] bucket; ARGV rate (tokens/s), capacity, max wait ms. Returns {reserved 1|0, wait ms}.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
local reserved = 0
if wait <= max_wait then
  tokens = tokens - 1
  reserved = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + max_wait + 1000)
return {reserved, wait}
`;

export type PacerDecision = { reserved: true; waitMs: number } | { reserved: false; retryInMs: number };

export class NumberPacer {
  constructor(
    private readonly redis: Redis,
    /** e.g. `aerostic:pacer`: the bucket of a number is `<prefix>:<phoneNumberId>`. */
    private readonly keyPrefix: string,
    private readonly maxWaitMs = 250,
  ) {}

  /** Reserves the next send slot of this number, or says how long to stay away. */
  async take(phoneNumberId: string, messagesPerSecond: number): Promise<PacerDecision> {
    const capacity = Math.max(1, Math.floor(messagesPerSecond / 10));
    const [reserved, wait] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      `${this.keyPrefix}:${phoneNumberId}`,
      messagesPerSecond,
      capacity,
      this.maxWaitMs,
    )) as [number, number];
    if (reserved === 1) return { reserved: true, waitMs: wait };
    // Spread the returning jobs over the next window so they do not all come back at the same instant.
    return { reserved: false, retryInMs: wait - this.maxWaitMs + Math.floor(Math.random() * this.maxWaitMs) };
  }
}
