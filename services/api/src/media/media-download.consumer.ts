import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type MediaDownloadJob, QUEUES } from '@aerostic/shared';
import { type Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { closeWithin } from '../common/queue/close-within';
import { logQueueErrors } from '../common/queue/log-queue-errors';
import { queueOptions } from '../common/queue/queue-connection';
import { MessageRepository } from '../messages/message.repository';
import { RealtimeService } from '../realtime/realtime.service';
import { MediaRejected, MediaService, type StoredMedia } from './media.service';

/** The only consumer of `media-downloads`. */
@Injectable()
export class MediaDownloadConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MediaDownloadConsumer.name);
  private worker?: Worker<MediaDownloadJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: MediaService,
    private readonly messages: MessageRepository,
    private readonly realtime: RealtimeService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<MediaDownloadJob>(QUEUES.mediaDownloads, (job) => this.process(job), {
      ...queueOptions(this.config),
      concurrency: 4,
    });
    logQueueErrors(this.worker, 'The media-downloads worker', this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWithin(this.worker.close(), 'The media-downloads worker', this.logger);
  }

  private async process(job: Job<MediaDownloadJob>): Promise<void> {
    let stored: StoredMedia;
    try {
      stored = await this.media.download(job.data);
    } catch (error) {
      if (!(error instanceof MediaRejected)) throw error;
      this.logger.warn(
        { messageId: job.data.messageId, mediaId: job.data.mediaId, reason: error.message },
        'Inbound media refused',
      );
      stored = { status: 'rejected', reason: error.message };
    }
    const message = await this.messages.setStoredMedia(job.data.tenantId, job.data.messageId, stored);
    if (message) this.realtime.messageUpdated(message);
  }
}
