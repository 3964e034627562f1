// The restart policy of `npm run stack`, like compose's `restart: unless-stopped`: a long-running service that exits
// on its own is started again after a growing pause, and given up only when it keeps crashing.

/** Defaults: a service that crashes 5 times within a minute is broken, not unlucky. */
export const RESTART_DEFAULTS = { maxCrashes: 5, windowMs: 60_000, firstDelayMs: 250, maxDelayMs: 8_000 };

export class RestartPolicy {
  /** @type {number[]} */
  crashes = [];

  /**
   * @param {Partial<typeof RESTART_DEFAULTS>} [options]
   * @param {() => number} [now]
   */
  constructor(options = {}, now = Date.now) {
    this.options = { ...RESTART_DEFAULTS, ...options };
    this.now = now;
  }

  /**
   * Records one exit and answers what to do: start again after `delayMs`, or give up once more than `maxCrashes`
   * happened within `windowMs`. The pause doubles with each recent crash, so a crash loop does not hog the cores.
   * @returns {{ restart: true, delayMs: number, recent: number } | { restart: false, recent: number }}
   */
  onExit() {
    const { maxCrashes, windowMs, firstDelayMs, maxDelayMs } = this.options;
    const at = this.now();
    this.crashes = [...this.crashes.filter((t) => at - t < windowMs), at];
    const recent = this.crashes.length;
    if (recent > maxCrashes) return { restart: false, recent };
    return { restart: true, delayMs: Math.min(maxDelayMs, firstDelayMs * 2 ** (recent - 1)), recent };
  }
}
