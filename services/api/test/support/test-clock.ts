import { Clock } from '../../src/common/clock/clock';

/** The wall clock, moved forward by the test when it needs time to pass. */
export class TestClock extends Clock {
  offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
