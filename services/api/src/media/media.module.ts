import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { MediaDownloadConsumer } from './media-download.consumer';
import { MediaStorage } from './media-storage';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';

@Module({
  imports: [MessagesModule, WhatsAppModule, RealtimeModule],
  controllers: [MediaController],
  providers: [MediaStorage, MediaService, MediaDownloadConsumer],
  exports: [MediaService],
})
export class MediaModule {}
