import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MEDIA_UPLOAD_LIFETIME_MS } from '@aerostic/shared';
import { MediaStorage } from './media-storage';

/** How often the API looks for uploads past Meta's lifetime. */
export const UPLOAD_SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Removes the files the team uploaded once Meta no longer accepts their media id, whether a message sent them or
 * not: at start and then every hour. Several API instances may sweep the same folder at once; a file already
 * gone is simply skipped.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(private readonly storage: MediaStorage) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), UPLOAD_SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass (joined if one is running); answers how many uploads went, 0 when the pass failed (logged). */
  sweep(now = Date.now()): Promise<number> {
    this.running ??= this.storage
      .sweepUploads(now - MEDIA_UPLOAD_LIFETIME_MS)
      .then(
        (removed) => {
          if (removed > 0) this.logger.log({ removed }, 'uploads past Meta’s 30-day lifetime removed');
          return removed;
        },
        (err: unknown) => {
          this.logger.warn({ err }, 'uploads not swept; trying again at the next pass');
          return 0;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
