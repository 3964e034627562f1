import { Inject, Injectable } from '@nestjs/common';
import { type MediaDownloadJob, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The producer side of `media-downloads`; MediaDownloadConsumer is its only consumer. */
@Injectable()
export class MediaDownloadQueue extends ProducerQueue<typeof QUEUES.mediaDownloads> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.mediaDownloads, config);
  }

  /** The job id is the message's, so a message's media is queued once however often this is called. */
  async add(job: MediaDownloadJob): Promise<void> {
    await this.producer.add(QUEUES.mediaDownloads.jobs.download, job);
  }
}
