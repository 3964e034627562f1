/** Wall-clock source for expiries and timestamps; tests pass their own to step past a TTL without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Unix seconds, the unit of Meta's webhook timestamps and URL expiries. */
export function unixSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}
