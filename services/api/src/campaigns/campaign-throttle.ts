/**
 * Runs `work(key)` at most once per `intervalMs` for each key: the first call runs at once, calls during the
 * interval are folded into one run at its end, so the last change is always announced. Keys without pending work
 * are forgotten, so memory follows the keys in use.
 */
export class KeyedThrottle<K> {
  private readonly state = new Map<K, { lastRun: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly intervalMs: number,
    private readonly work: (key: K) => void,
    private readonly now: () => number = Date.now,
  ) {}

  call(key: K): void {
    const current = this.state.get(key);
    if (current?.timer) return;
    const wait = current ? current.lastRun + this.intervalMs - this.now() : 0;
    if (wait <= 0) {
      this.run(key);
      return;
    }
    const timer = setTimeout(() => this.run(key), wait);
    timer.unref();
    this.state.set(key, { lastRun: current!.lastRun, timer });
  }

  /** Cancels pending runs (on shutdown). */
  clear(): void {
    for (const { timer } of this.state.values()) if (timer) clearTimeout(timer);
    this.state.clear();
  }

  private run(key: K): void {
    const lastRun = this.now();
    // Forgotten once an interval passes without a call, so a quiet key leaves nothing behind.
    const timer = setTimeout(() => {
      const now = this.state.get(key);
      if (now?.lastRun === lastRun && now.timer === null) this.state.delete(key);
    }, this.intervalMs);
    timer.unref();
    this.state.set(key, { lastRun, timer: null });
    this.work(key);
  }

  /** How many keys are remembered (for tests). */
  get size(): number {
    return this.state.size;
  }
}
