import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { AiResponder } from '../automation/ports';
import { SecretBox } from '../common/crypto/secret-box';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { AiSettingsController } from './ai-settings.controller';
import { AiSettingsRepository } from './ai-settings.repository';
import { AiSettingsService } from './ai-settings.service';
import { AiService } from './ai.service';
import { ChatCompletionsClient } from './chat-completions.client';
import { KnowledgeArticleRepository } from './knowledge-article.repository';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeService } from './knowledge.service';
import { ReplySuggestionsController } from './reply-suggestions.controller';

/**
 * AI replies (docs/adr/0124, 0125): the only module that writes `ai_settings` and `knowledge_articles`; the rules
 * engine asks it for answers through `AiResponder`.
 */
@Module({
  imports: [AuditLogsModule, ConversationsModule, MessagesModule],
  controllers: [AiSettingsController, KnowledgeController, ReplySuggestionsController],
  providers: [
    AiSettingsRepository,
    KnowledgeArticleRepository,
    AiSettingsService,
    KnowledgeService,
    ChatCompletionsClient,
    SecretBox,
    AiService,
    { provide: AiResponder, useExisting: AiService },
  ],
  exports: [AiResponder],
})
export class AiModule {}
