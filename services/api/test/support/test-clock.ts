import { Clock } from '../../src/common/clock/clock';

/** The wall clock, moved forward by the test when it needs time to pass, or stopped at `frozenAt` when set. */
export class TestClock extends Clock {
  offsetMs = 0;
  frozenAt: Date | null = null;

  now(): Date {
    return this.frozenAt ? new Date(this.frozenAt) : new Date(Date.now() + this.offsetMs);
  }
}
