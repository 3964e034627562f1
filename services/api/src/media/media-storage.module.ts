import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { DiskMediaStorage, MediaStorage } from './media-storage';
import { S3MediaStorage } from './s3-media-storage';

/**
 * The media files, for the modules that write them: MediaModule (downloads) and MessagesModule (sends). MEDIA_STORAGE
 * picks where they live: the local disk, or an S3 bucket every API host shares.
 */
@Module({
  providers: [
    {
      provide: MediaStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MediaStorage =>
        config.MEDIA_STORAGE === 's3' ? new S3MediaStorage(config) : new DiskMediaStorage(config),
    },
  ],
  exports: [MediaStorage],
})
export class MediaStorageModule {}
