import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type MediaDownloadJob, QUEUES } from '@aerostic/shared';
import { type Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { closeWithin } from '../common/queue/close-within';
import { startConsumer } from '../common/queue/consumer';
import { MessagesService } from '../messages/messages.service';
import { MediaRejected, MediaService, type StoredMedia } from './media.service';

/** The only consumer of `media-downloads`. */
@Injectable()
export class MediaDownloadConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MediaDownloadConsumer.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: MediaService,
    private readonly messages: MessagesService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startConsumer(
      this.config,
      QUEUES.mediaDownloads,
      { download: (job) => this.process(job) },
      { concurrency: 4, logger: this.logger },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWithin(this.worker.close(), 'The media-downloads worker', this.logger);
  }

  private async process(job: MediaDownloadJob): Promise<void> {
    let stored: StoredMedia;
    try {
      stored = await this.media.download(job);
    } catch (error) {
      if (!(error instanceof MediaRejected)) throw error;
      this.logger.warn(
        { messageId: job.messageId, mediaId: job.mediaId, reason: error.message },
        'Inbound media refused',
      );
      stored = { status: 'rejected', reason: error.message };
    }
    await this.messages.recordStoredMedia(job.tenantId, job.messageId, stored);
  }
}
