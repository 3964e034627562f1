import { Inject, Injectable } from '@nestjs/common';
import { CAMPAIGN_BACKLOG_TTL_MS, campaignBacklogKeyOf, pacerKeysOf } from '@aerostic/shared/node';
import { type Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';

/**
 * Campaign sends are queued only while the number's next free slot (the message-worker's pacer) is within
 * LOW_WATER_MS of now, and while the number's campaign sends not yet finished by the worker are fewer than
 * BACKLOG_MS of its rate: an agent's reply never waits behind more than that of campaign sends, and a worker that
 * falls behind is not buried under a growing queue (docs/adr/0117).
 */
export const LOW_WATER_MS = 150;
export const BACKLOG_MS = 400;
/** A step queues at least this much of the rate, so a fast number is fed in few transactions. */
export const MIN_BATCH_MS = 100;

/**
 * KEYS pacer slot, pacer slowdown, campaign backlog; ARGV messages per second, low, backlog ms, min batch ms, most,
 * ttl. Answers {granted, wait ms}; a grant lengthens the backlog by itself.
 */
const GRANT_SCRIPT = `
local rate = tonumber(ARGV[1]) / math.max(1, tonumber(redis.call('GET', KEYS[2])) or 1)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local ahead = (tonumber(redis.call('GET', KEYS[1])) or now) - now
if ahead > tonumber(ARGV[2]) then return {0, math.ceil(ahead - tonumber(ARGV[2]))} end
local backlog = math.max(0, tonumber(redis.call('GET', KEYS[3])) or 0)
local room = math.floor(rate * tonumber(ARGV[3]) / 1000) - backlog
local least = math.max(1, math.floor(rate * tonumber(ARGV[4]) / 1000))
if room < least then return {0, math.ceil((least - room) * 1000 / rate)} end
local n = math.min(room, tonumber(ARGV[5]))
redis.call('SET', KEYS[3], backlog + n, 'PX', tonumber(ARGV[6]))
return {n, 0}
`;

/** KEYS the backlog; ARGV sends to take off (negative: to add), ttl. */
const ADJUST_SCRIPT = `
local n = math.max(0, (tonumber(redis.call('GET', KEYS[1])) or 0) - tonumber(ARGV[1]))
redis.call('SET', KEYS[1], n, 'PX', tonumber(ARGV[2]))
return n
`;

export type Grant = { granted: number; waitMs: number };

@Injectable()
export class FeedGate {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** How many sends of this number may be queued now (at most `most`), or how long to wait before asking again. */
  async grant(phoneNumberId: string, messagesPerSecond: number, most: number): Promise<Grant> {
    const { slot, slowdown } = pacerKeysOf(phoneNumberId);
    const [granted, waitMs] = (await this.redis.eval(
      GRANT_SCRIPT,
      3,
      slot,
      slowdown,
      campaignBacklogKeyOf(phoneNumberId),
      messagesPerSecond,
      LOW_WATER_MS,
      BACKLOG_MS,
      MIN_BATCH_MS,
      most,
      CAMPAIGN_BACKLOG_TTL_MS,
    )) as [number, number];
    return { granted, waitMs };
  }

  /** Takes granted sends that were not queued (a short batch, recipients held by the tier) off the backlog. */
  async release(phoneNumberId: string, unused: number): Promise<void> {
    if (unused > 0) await this.adjust(phoneNumberId, unused);
  }

  /** Counts sends queued outside a grant (messages a crash left unqueued). */
  async track(phoneNumberId: string, queued: number): Promise<void> {
    if (queued > 0) await this.adjust(phoneNumberId, -queued);
  }

  private async adjust(phoneNumberId: string, takeOff: number): Promise<void> {
    await this.redis.eval(ADJUST_SCRIPT, 1, campaignBacklogKeyOf(phoneNumberId), takeOff, CAMPAIGN_BACKLOG_TTL_MS);
  }
}
