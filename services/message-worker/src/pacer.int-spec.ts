import { pacerKeysOf, slowDownNumber } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { NumberPacer, type PacerDecision, RATE_SHARE, SendWindow, sendIntervalMs } from './pacer';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The most slots (epoch ms) that fall within any one-second window. */
function busiestSecond(slots: number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let best = 0;
  for (let from = 0, to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= 1000) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

const slotsOf = (decisions: PacerDecision[]) => decisions.flatMap((d) => (d.reserved ? [d.at] : []));

/** The spacing between consecutive reserved slots, in the order they were reserved (ms). */
const gapsOf = (decisions: PacerDecision[]) => {
  const slots = slotsOf(decisions);
  return slots.slice(1).map((at, i) => at - slots[i]!);
};

describe(NumberPacer.name, () => {
  const prefix = `test-pacer-${randomUUID()}`;
  let redis: Redis;
  let pacer: NumberPacer;
  const number = () => `1${Math.floor(Math.random() * 1e12)}`;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    pacer = new NumberPacer(redis, prefix, 10_000);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('should space the sends of a number a little wider than its rate', () => {
    expect(sendIntervalMs(80)).toBeCloseTo(1000 / (80 * RATE_SHARE), 6);
    expect(sendIntervalMs(80)).toBeGreaterThan(1000 / 80);
    expect(RATE_SHARE).toBeGreaterThanOrEqual(0.95);
  });

  it('should let the first send of a quiet number go at once and make the next one wait a full interval', async () => {
    const id = number();
    const [first, second] = await Promise.all([pacer.take(id, 80), pacer.take(id, 80)]);

    expect(first).toMatchObject({ reserved: true, waitMs: 0 });
    // No burst allowance: the second send at the same moment gets the next slot, not a token left in a bucket.
    // Compared by slot rather than by wait: the wait also shrinks by however long Redis took to reach the second.
    expect(second.reserved).toBe(true);
    expect(gapsOf([first, second])[0]).toBeGreaterThanOrEqual(Math.floor(sendIntervalMs(80)));
    expect((second as { waitMs: number }).waitMs).toBeLessThanOrEqual(Math.ceil(sendIntervalMs(80)));
  });

  it('should never put more than the rate into any one-second window when a backlog takes slots at once', async () => {
    const id = number();
    const decisions = await Promise.all(Array.from({ length: 240 }, () => pacer.take(id, 80)));
    const slots = slotsOf(decisions);

    expect(slots).toHaveLength(240);
    expect(busiestSecond(slots)).toBeLessThanOrEqual(80);
    // And not much less: three seconds of backlog fill three seconds of slots at 97 % of the rate.
    const span = Math.max(...slots) - Math.min(...slots);
    expect(span).toBeGreaterThanOrEqual(Math.floor(239 * sendIntervalMs(80)) - 1);
    expect(span).toBeLessThanOrEqual(Math.ceil(239 * sendIntervalMs(80)) + 1);
  });

  it('should hold 1,000 messages per second to at most 1,000 in any second', async () => {
    const id = number();
    const decisions = await Promise.all(Array.from({ length: 2500 }, () => pacer.take(id, 1000)));
    const slots = slotsOf(decisions);

    expect(slots).toHaveLength(2500);
    expect(busiestSecond(slots)).toBeLessThanOrEqual(1000);
    expect(busiestSecond(slots)).toBeGreaterThanOrEqual(950);
  });

  it('should reserve only slots due within the wait limit and tell the others when to come back', async () => {
    const shortWait = new NumberPacer(redis, prefix, 250);
    const id = number();
    const decisions = await Promise.all(Array.from({ length: 40 }, () => shortWait.take(id, 80)));
    const reserved = decisions.filter((d) => d.reserved);
    const refused = decisions.filter((d): d is { reserved: false; retryInMs: number } => !d.reserved);

    // 250 ms hold about 19 intervals of 12.9 ms, plus the slot due now (a few more if Redis is slow to run the 40).
    expect(reserved.length).toBeGreaterThanOrEqual(18);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const d of reserved) expect((d as { waitMs: number }).waitMs).toBeLessThanOrEqual(250);
    for (const d of refused) expect(d.retryInMs).toBeGreaterThanOrEqual(0);
  });

  it('should keep numbers apart: one number’s backlog does not delay another', async () => {
    const [busy, quiet] = [number(), number()];
    await Promise.all(Array.from({ length: 50 }, () => pacer.take(busy, 80)));

    expect(await pacer.take(quiet, 80)).toMatchObject({ reserved: true, waitMs: 0 });
  });

  /**
   * Six sends of a number taken at once are each spaced at least `intervalMs` apart. By slot, not by wait: a busy
   * machine may run the scripts tens of milliseconds apart, which shortens the waits but never the spacing.
   */
  async function expectSpacing(id: string, intervalMs: number): Promise<void> {
    const decisions = await Promise.all(Array.from({ length: 6 }, () => pacer.take(id, 80)));
    const gaps = gapsOf(decisions);

    expect(gaps).toHaveLength(5);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(Math.floor(intervalMs));
  }

  it('should widen the spacing while a slow-down lasts', async () => {
    const id = number();
    await pacer.slowDown(id, 4, Date.now() + 60_000);

    await expectSpacing(id, 4 * sendIntervalMs(80));
  });

  it('should obey a cool-off set by another service through the shared keys, as the API does from a status', async () => {
    const id = number();
    // The API's client adds the REDIS_PREFIX itself.
    const api = new Redis(REDIS_URL, { keyPrefix: `${prefix}:` });
    try {
      expect(await slowDownNumber(api, pacerKeysOf(id).slowdown, 4, Date.now() + 60_000)).toBe(true);
    } finally {
      await api.quit();
    }

    await expectSpacing(id, 4 * sendIntervalMs(80));
  });

  it('should only ever strengthen a cool-off: a weaker or shorter one changes nothing', async () => {
    const id = number();
    await pacer.slowDown(id, 4, Date.now() + 60_000);
    await pacer.slowDown(id, 2, Date.now() + 10_000);
    const kept = await pacer.slowdown(id);
    expect(kept?.factor).toBe(4);
    expect(kept!.untilMs).toBeGreaterThan(Date.now() + 50_000);

    await pacer.slowDown(id, 8, Date.now() + 120_000);
    const stronger = await pacer.slowdown(id);
    expect(stronger?.factor).toBe(8);
    expect(stronger!.untilMs).toBeGreaterThan(Date.now() + 110_000);
  });

  it('should set nothing for a cool-off already over', async () => {
    const id = number();
    await pacer.slowDown(id, 4, Date.now() - 1);
    expect(await pacer.slowdown(id)).toBeNull();
  });
});

describe(SendWindow.name, () => {
  it('should let a number start at most its rate of sends in any second and a little, however late they come', async () => {
    const window = new SendWindow(20);
    const started: number[] = [];
    // Seven sends of a 3-per-second number all asking at once, as after an event loop that woke them late.
    await Promise.all(
      Array.from({ length: 7 }, async () => {
        const sending = await window.admit('15550001', 3);
        started.push(performance.now());
        sending.done();
      }),
    );

    started.sort((a, b) => a - b);
    // The first three leave at once; each later one waits for the send three places before it to be 1,020 ms old.
    expect(started[2]! - started[0]!).toBeLessThan(1000);
    for (let i = 3; i < started.length; i++) expect(started[i]! - started[i - 3]!).toBeGreaterThanOrEqual(1019);
  });

  it('should count a send as arriving when its answer came, not when it left', async () => {
    const window = new SendWindow(5);
    const [first, second] = await Promise.all([window.admit('15550005', 2), window.admit('15550005', 2)]);
    // A slow answer: the receiver may have counted the first send any time until now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const firstAnswered = performance.now();
    first.done();
    second.done();
    await window.admit('15550005', 2);

    expect(performance.now() - firstAnswered).toBeGreaterThanOrEqual(1004);
  });

  it('should keep numbers apart', async () => {
    const window = new SendWindow();
    const order: string[] = [];
    await Promise.all(Array.from({ length: 2 }, () => window.admit('15550002', 2).then((s) => s.done())));
    // The busy number's third send waits about a second; the other number's first one does not wait for it.
    await Promise.all([
      window.admit('15550002', 2).then(() => order.push('busy')),
      window.admit('15550003', 2).then(() => order.push('quiet')),
    ]);

    expect(order).toEqual(['quiet', 'busy']);
  });
});
