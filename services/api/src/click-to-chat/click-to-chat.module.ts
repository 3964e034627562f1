import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { ChatEntryPointRepository } from './chat-entry-point.repository';
import { ClickToChatService } from './click-to-chat.service';
import { EntryPointsController } from './entry-points.controller';
import { WidgetConfigService } from './widget-config.service';
import { WidgetController } from './widget.controller';

/** Owner of `chat_entry_points`; InboundModule imports it to attribute conversations to their source. */
@Module({
  imports: [WhatsAppModule, ConversationsModule],
  controllers: [EntryPointsController, WidgetController],
  providers: [ChatEntryPointRepository, ClickToChatService, WidgetConfigService],
  exports: [ClickToChatService],
})
export class ClickToChatModule {}
