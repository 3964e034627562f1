import {
  type NumberSlowdown,
  pacerKeysOf,
  RATE_SHARE,
  readSlowdowns,
  sendIntervalMs,
  slowDownNumber,
} from '@aerostic/shared/node';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export { RATE_SHARE, sendIntervalMs };

/**
 * Even spacing per number, atomic on Redis's clock (GCRA): each send gets its own slot one interval after the last,
 * with no burst, so no sliding one-second window exceeds the rate (docs/adr/0062-pace-each-number-evenly.md).
 * KEYS next free slot, cool-off factor; ARGV interval ms, max wait ms: a slot due later is reported, not reserved.
 */
const TAKE_SCRIPT = `
local interval = tonumber(ARGV[1]) * math.max(1, tonumber(redis.call('GET', KEYS[2])) or 1)
local max_wait = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local slot = tonumber(redis.call('GET', KEYS[1])) or now
if slot < now then slot = now end
local wait = slot - now
if wait > max_wait then return {0, math.ceil(wait), math.floor(slot)} end
redis.call('SET', KEYS[1], string.format('%.3f', slot + interval), 'PX', math.ceil(wait + interval) + 1000)
return {1, math.ceil(wait), math.floor(slot)}
`;
/** The script's answer: reserved (1|0), wait ms, the slot (epoch ms). */
type Reply = [number, number, number];
const TAKE_SCRIPT_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

/** A reserved slot says how long to wait and when it is (`at`, epoch ms on Redis's clock); a refusal, when to return. */
export type PacerDecision = { reserved: true; waitMs: number; at: number } | { reserved: false; retryInMs: number };

export class NumberPacer {
  constructor(
    private readonly redis: Redis,
    /** The deployment's REDIS_PREFIX: a number's keys are `<prefix>:` and `pacerKeysOf(phoneNumberId)`. */
    private readonly redisPrefix: string,
    private readonly maxWaitMs = 250,
  ) {}

  /** Reserves the next send slot of this number, or says how long to stay away. */
  async take(phoneNumberId: string, messagesPerSecond: number): Promise<PacerDecision> {
    const keys = this.keysOf(phoneNumberId);
    const [reserved, wait, at] = await this.run(
      [keys.slot, keys.slowdown],
      sendIntervalMs(messagesPerSecond),
      this.maxWaitMs,
    );
    if (reserved === 1) return { reserved: true, waitMs: wait, at };
    // Spread the returning jobs over the next window so they do not all come back at the same instant.
    return { reserved: false, retryInMs: wait - this.maxWaitMs + Math.floor(Math.random() * this.maxWaitMs) };
  }

  /**
   * Spaces this number's sends `factor` times wider until `untilMs` (epoch ms), e.g. after Meta's spam rate limit
   * (131048). A running cool-off is only ever made stronger; it ends by itself (the key expires).
   */
  async slowDown(phoneNumberId: string, factor: number, untilMs: number): Promise<void> {
    await slowDownNumber(this.redis, this.keysOf(phoneNumberId).slowdown, factor, untilMs);
  }

  /** The number's cool-off, if one is running: its factor and when it ends (epoch ms). */
  async slowdown(phoneNumberId: string): Promise<NumberSlowdown | null> {
    const [slowdown] = await readSlowdowns(this.redis, [this.keysOf(phoneNumberId).slowdown]);
    return slowdown ?? null;
  }

  private keysOf(phoneNumberId: string): { slot: string; slowdown: string } {
    const { slot, slowdown } = pacerKeysOf(phoneNumberId);
    return { slot: `${this.redisPrefix}:${slot}`, slowdown: `${this.redisPrefix}:${slowdown}` };
  }

  /** By hash, so the script text is sent once per Redis server rather than with every send. */
  private async run(keys: [string, string], intervalMs: number, maxWaitMs: number): Promise<Reply> {
    try {
      return (await this.redis.evalsha(TAKE_SCRIPT_SHA, keys.length, ...keys, intervalMs, maxWaitMs)) as Reply;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return (await this.redis.eval(TAKE_SCRIPT, keys.length, ...keys, intervalMs, maxWaitMs)) as Reply;
    }
  }
}

type NumberState = {
  /**
   * The number's latest sends, as a ring (`next` is the oldest once full): when each one may have reached Meta at
   * the latest (performance.now(), ms), that is its start while it is in flight and its answer after.
   */
  times: Float64Array;
  next: number;
  count: number;
  lastUsed: number;
};

/** A started send: `done()` once its answer (or its failure) is in. */
export type StartedSend = { done: () => void };

/**
 * The last line of defence in this process, as each request starts: a number's send waits until the send
 * `messagesPerSecond` places before it was answered (or, unanswered, started) at least `1000 + marginMs` ms ago,
 * so no second on Meta's side exceeds the rate whatever the delays (docs/adr/0068-send-window-counted-from-answers.md).
 */
export class SendWindow {
  private readonly numbers = new Map<string, NumberState>();

  constructor(
    /** Covers the receiver's clock reading (whole milliseconds) and our own. */
    private readonly marginMs = 5,
    /** A number unused this long is forgotten. */
    private readonly idleMs = 60_000,
  ) {}

  /** Waits (if needed) until one more send of this number may start; call `done()` once its answer is in. */
  async admit(phoneNumberId: string, messagesPerSecond: number): Promise<StartedSend> {
    const size = Math.max(1, Math.floor(messagesPerSecond));
    for (;;) {
      const state = this.state(phoneNumberId, size);
      const now = performance.now();
      // The send `size` places back: once the ring is full, the entry this send overwrites.
      const waitMs = state.count < size ? 0 : state.times[state.next]! + 1000 + this.marginMs - now;
      if (waitMs > 0) {
        await sleep(Math.ceil(waitMs));
        continue;
      }
      const { times } = state;
      const index = state.next;
      times[index] = now;
      state.next = (index + 1) % size;
      state.count = Math.min(size, state.count + 1);
      state.lastUsed = now;
      let ended = false;
      return {
        done: () => {
          if (ended) return;
          ended = true;
          // Unless the ring was replaced (new rate) or has come round to this entry (more than a second ago).
          if (state.times === times && times[index] === now) times[index] = performance.now();
        },
      };
    }
  }

  private state(phoneNumberId: string, size: number): NumberState {
    let state = this.numbers.get(phoneNumberId);
    if (state === undefined) {
      this.forgetIdle();
      state = { times: new Float64Array(size), next: 0, count: 0, lastUsed: performance.now() };
      this.numbers.set(phoneNumberId, state);
    } else if (state.times.length !== size) {
      // The number's throughput changed: start its window afresh.
      Object.assign(state, { times: new Float64Array(size), next: 0, count: 0 });
    }
    return state;
  }

  private forgetIdle(): void {
    const cutoff = performance.now() - this.idleMs;
    for (const [id, state] of this.numbers) {
      if (state.lastUsed < cutoff) this.numbers.delete(id);
    }
  }
}
