/**
 * Wall-clock time for decisions that depend on it (business hours, waits running out). Injected, so a test can move
 * time by overriding the provider instead of waiting.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
