import { Inject, Injectable } from '@nestjs/common';
import { type MediaDownloadJob, QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { MessagesService } from '../messages/messages.service';
import { MediaRejected, MediaService, type StoredMedia } from './media.service';

/** The only consumer of `media-downloads`. */
@Injectable()
export class MediaDownloadConsumer extends QueueConsumer<typeof QUEUES.mediaDownloads> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly media: MediaService,
    private readonly messages: MessagesService,
  ) {
    super(config, QUEUES.mediaDownloads, { concurrency: 4 });
  }

  protected handlers(): JobHandlers<typeof QUEUES.mediaDownloads> {
    return { download: (job) => this.process(job) };
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
