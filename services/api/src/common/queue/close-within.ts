import { type Logger } from '@nestjs/common';

/** How long shutdown waits for a queue's workers or connection; below Docker's default stop timeout of 10 s. */
export const QUEUE_CLOSE_GRACE_MS = 5_000;

/**
 * Waits for a BullMQ close, at most `graceMs`. A worker's close lets its active jobs finish, as it should, but never
 * returns while Redis is unreachable; past the grace shutdown goes on without it. Jobs left active then become
 * stalled and run again, which every consumer's idempotent writes allow.
 */
export async function closeWithin(
  closing: Promise<unknown>,
  what: string,
  logger: Logger,
  graceMs = QUEUE_CLOSE_GRACE_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  const outcome = await Promise.race([
    closing.then(
      () => 'closed' as const,
      (err: unknown) => {
        logger.warn({ err }, `${what} failed to close`);
        return 'closed' as const;
      },
    ),
    expired,
  ]);
  clearTimeout(timer);
  if (outcome === 'expired') {
    logger.warn(`${what} did not close within ${graceMs} ms (is Redis unreachable?); shutting down without it`);
  }
}
