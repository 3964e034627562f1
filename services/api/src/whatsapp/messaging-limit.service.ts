import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_LIMIT_WINDOW_MS, messagingLimitOf } from '@aerostic/shared';
import { type Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';

/**
 * Admits customers under a number's limit of unique customers per rolling window, atomically on Redis's clock: a
 * customer already reached in the window is admitted again (and counted from now), a new one only while the count is
 * below the limit. KEYS[1] the number's sorted set (customer → last send, ms); ARGV limit, window ms, customers.
 * Answers the oldest entry's time (or 0), then 1 or 0 per customer.
 */
const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local out = {0}
for i = 3, #ARGV do
  local customer = ARGV[i]
  if redis.call('ZSCORE', KEYS[1], customer) or count < limit then
    if not redis.call('ZSCORE', KEYS[1], customer) then count = count + 1 end
    redis.call('ZADD', KEYS[1], now, customer)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then out[1] = tonumber(oldest[2]) end
redis.call('PEXPIRE', KEYS[1], window)
return out
`;

/** Which customers may be sent to now, and when the oldest of the window leaves it (epoch ms; 0 when empty). */
export interface Admission {
  admitted: boolean[];
  oldestAt: number;
}

/**
 * Meta's messaging limit tier of each number: unique customers reached with business-initiated messages in a rolling
 * 24 hours, counted in Redis (`messaging-limit:<phoneNumberId>`) by campaigns and agents' templates alike
 * (docs/adr/0117).
 */
@Injectable()
export class MessagingLimitService {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Admits what the number's tier allows; those refused are not counted. An unlimited tier admits all, uncounted. */
  async admit(phoneNumberId: string, tier: string | null, customers: readonly string[]): Promise<Admission> {
    const limit = messagingLimitOf(tier);
    if (limit === Infinity || customers.length === 0) return { admitted: customers.map(() => true), oldestAt: 0 };
    return this.run(phoneNumberId, limit, customers);
  }

  /** Counts a business-initiated message that was sent whatever the tier (an agent's template). */
  async record(phoneNumberId: string, tier: string | null, customer: string): Promise<void> {
    if (messagingLimitOf(tier) === Infinity) return;
    await this.run(phoneNumberId, Number.MAX_SAFE_INTEGER, [customer]);
  }

  private async run(phoneNumberId: string, limit: number, customers: readonly string[]): Promise<Admission> {
    const reply = (await this.redis.eval(
      ADMIT_SCRIPT,
      1,
      `messaging-limit:${phoneNumberId}`,
      limit,
      MESSAGING_LIMIT_WINDOW_MS,
      ...customers,
    )) as number[];
    const [oldestAt = 0, ...admitted] = reply;
    return { admitted: admitted.map((a) => a === 1), oldestAt };
  }
}
