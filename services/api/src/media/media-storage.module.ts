import { Module } from '@nestjs/common';
import { MediaStorage } from './media-storage';

/** The media files on disk, for the modules that write them: MediaModule (downloads) and MessagesModule (sends). */
@Module({
  providers: [MediaStorage],
  exports: [MediaStorage],
})
export class MediaStorageModule {}
