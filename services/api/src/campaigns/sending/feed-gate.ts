import { Inject, Injectable } from '@nestjs/common';
import { pacerKeysOf, sendIntervalMs } from '@aerostic/shared/node';
import { type Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';

/**
 * Campaign sends are queued only while the number's next free slot (the message-worker's pacer, or the sends queued
 * but not yet paced, whichever is later) is within LOW_WATER_MS of now, and only up to HIGH_WATER_MS: an agent's
 * reply never waits behind more than that of campaign sends holding slots (docs/adr/0117).
 */
export const LOW_WATER_MS = 150;
export const HIGH_WATER_MS = 230;

/**
 * KEYS pacer slot, pacer slowdown, campaigns' queued horizon; ARGV interval ms, low, high, most. Answers {granted,
 * wait ms}: a grant pushes the queued horizon by its sends' slots.
 */
const GRANT_SCRIPT = `
local interval = tonumber(ARGV[1]) * math.max(1, tonumber(redis.call('GET', KEYS[2])) or 1)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local ahead = math.max(now, tonumber(redis.call('GET', KEYS[1])) or now, tonumber(redis.call('GET', KEYS[3])) or now)
local low = tonumber(ARGV[2])
if ahead - now > low then return {0, math.ceil(ahead - now - low)} end
local n = math.min(tonumber(ARGV[4]), math.floor((now + tonumber(ARGV[3]) - ahead) / interval))
if n < 1 then return {0, math.ceil(interval)} end
local horizon = ahead + n * interval
redis.call('SET', KEYS[3], string.format('%.3f', horizon), 'PX', math.ceil(horizon - now) + 1000)
return {n, 0}
`;

/** KEYS the queued horizon; ARGV ms to give back. */
const RELEASE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBYFLOAT', KEYS[1], -tonumber(ARGV[1])) end
return 0
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
      queuedKey(phoneNumberId),
      sendIntervalMs(messagesPerSecond),
      LOW_WATER_MS,
      HIGH_WATER_MS,
      most,
    )) as [number, number];
    return { granted, waitMs };
  }

  /** Gives back the slots of granted sends that were not queued (a short batch, recipients held by the tier). */
  async release(phoneNumberId: string, messagesPerSecond: number, unused: number): Promise<void> {
    if (unused <= 0) return;
    await this.redis.eval(RELEASE_SCRIPT, 1, queuedKey(phoneNumberId), unused * sendIntervalMs(messagesPerSecond));
  }
}

function queuedKey(phoneNumberId: string): string {
  return `${pacerKeysOf(phoneNumberId).slot}:campaigns`;
}
