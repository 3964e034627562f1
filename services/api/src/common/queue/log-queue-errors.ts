import { type Logger } from '@nestjs/common';

interface ErrorEmitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * BullMQ prints every error of a queue or worker that has no `error` listener, and while Redis is down that is every
 * reconnection attempt (every 200 ms to 2 s). This logs them as one warning a minute instead.
 */
export function logQueueErrors(emitter: ErrorEmitter, what: string, logger: Logger, everyMs = 60_000): void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  emitter.on('error', (err) => {
    const now = Date.now();
    if (now - lastLoggedAt < everyMs) return;
    lastLoggedAt = now;
    logger.warn({ err: err.message }, `${what}: Redis error (repeats within a minute are not logged)`);
  });
}
