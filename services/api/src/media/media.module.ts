import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { MediaDownloadConsumer } from './media-download.consumer';
import { MediaDownloadQueue } from './media-download-queue';
import { MediaStorageModule } from './media-storage.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { UploadSweeper } from './upload-sweeper';

@Module({
  imports: [MessagesModule, WhatsAppModule, MediaStorageModule],
  controllers: [MediaController],
  providers: [MediaService, MediaDownloadQueue, MediaDownloadConsumer, UploadSweeper],
  exports: [MediaService],
})
export class MediaModule {}
