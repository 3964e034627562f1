import { KeyedThrottle } from './campaign-throttle';

describe(KeyedThrottle.name, () => {
  let runs: string[];
  let throttle: KeyedThrottle<string>;

  beforeEach(() => {
    jest.useFakeTimers();
    runs = [];
    throttle = new KeyedThrottle(1000, (key) => runs.push(`${key}@${Date.now() % 100_000}`));
    jest.setSystemTime(0);
  });
  afterEach(() => {
    throttle.clear();
    jest.useRealTimers();
  });

  it('should run the first call at once', () => {
    throttle.call('a');

    expect(runs).toEqual(['a@0']);
  });

  it('should fold the calls of an interval into one run at its end', () => {
    throttle.call('a');
    jest.advanceTimersByTime(100);
    throttle.call('a');
    jest.advanceTimersByTime(300);
    throttle.call('a');
    throttle.call('a');

    expect(runs).toEqual(['a@0']);
    jest.advanceTimersByTime(600);
    expect(runs).toEqual(['a@0', 'a@1000']);
    jest.advanceTimersByTime(5000);
    expect(runs).toEqual(['a@0', 'a@1000']);
  });

  it('should never run a key twice within an interval, whatever the calls', () => {
    for (let t = 0; t < 10_000; t += 37) {
      throttle.call('a');
      jest.advanceTimersByTime(37);
    }
    jest.advanceTimersByTime(2000);

    const times = runs.map((r) => Number(r.split('@')[1]));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(times.length).toBeGreaterThanOrEqual(10);
    expect(times.at(-1)).toBeGreaterThanOrEqual(9963);
  });

  it('should throttle each key on its own', () => {
    throttle.call('a');
    throttle.call('b');
    throttle.call('a');

    expect(runs).toEqual(['a@0', 'b@0']);
  });

  it('should forget a key once an interval passes without a call, and run its next call at once', () => {
    throttle.call('a');
    expect(throttle.size).toBe(1);
    jest.advanceTimersByTime(1000);

    expect(throttle.size).toBe(0);
    jest.advanceTimersByTime(234);
    throttle.call('a');
    expect(runs).toEqual(['a@0', 'a@1234']);
  });
});
