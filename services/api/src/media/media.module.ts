import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { MediaDownloadConsumer } from './media-download.consumer';
import { MediaStorageModule } from './media-storage.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { UploadSweeper } from './upload-sweeper';

@Module({
  imports: [MessagesModule, WhatsAppModule, RealtimeModule, MediaStorageModule],
  controllers: [MediaController],
  providers: [MediaService, MediaDownloadConsumer, UploadSweeper],
  exports: [MediaService],
})
export class MediaModule {}
