import { Inject, Injectable } from '@nestjs/common';
import { messagePreview, type ReplySuggestionDto } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { type Message } from '../database/entities';
import { MessagesService } from '../messages/messages.service';
import { type AiAnswer, type AiQuestion, AiResponder } from '../automation/ports';
import { AiSettingsService } from './ai-settings.service';
import { NoSuggestionError, NothingToSuggestError } from './ai.errors';
import { buildChatMessages, type ChatMessage, PROMPT_LIMITS, readModelAnswer } from './ai-prompt';
import { ChatCompletionsClient } from './chat-completions.client';
import { KnowledgeService } from './knowledge.service';

/** A message as the model reads it: what the customer or the team wrote, or what kind of message it was. */
function turnOf(message: Message): ChatMessage {
  return {
    role: message.direction === 'inbound' ? 'user' : 'assistant',
    content: messagePreview(message.type, message.content),
  };
}

const NO_TOKENS = { promptTokens: 0, completionTokens: 0 };

/**
 * Answers a customer's message from the workspace's instructions, its most relevant knowledge articles and the
 * conversation's recent messages (docs/adr/0125). Every failure of the provider is a handoff, never an exception.
 */
@Injectable()
export class AiService implements AiResponder {
  constructor(
    private readonly settings: AiSettingsService,
    private readonly knowledge: KnowledgeService,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly completions: ChatCompletionsClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async answer(question: AiQuestion): Promise<AiAnswer> {
    const message = await this.messages.findById(question.tenantId, question.messageId);
    if (!message || message.conversationId !== question.conversationId)
      return {
        kind: 'handoff',
        reason: 'ai_failed',
        detail: 'The message to answer was not found.',
        ...NO_TOKENS,
      };
    return this.reply(question.tenantId, message);
  }

  /** A draft for the agent from the customer's latest message; nothing is sent or stored. */
  async suggest(principal: Principal, conversationId: string): Promise<ReplySuggestionDto> {
    await this.conversations.get(principal.tenantId, conversationId);
    const latest = await this.messages.latestInbound(principal.tenantId, conversationId);
    if (!latest) throw new NothingToSuggestError();
    const answer = await this.reply(principal.tenantId, latest);
    if (answer.kind === 'handoff') throw new NoSuggestionError(answer.reason, answer.detail);
    return { text: answer.text };
  }

  private async reply(tenantId: string, message: Message): Promise<AiAnswer> {
    const settings = await this.settings.resolve(tenantId);
    if (!settings.enabled)
      return {
        kind: 'handoff',
        reason: 'ai_disabled',
        detail: 'AI replies are turned off for this workspace (Automation > AI).',
        ...NO_TOKENS,
      };
    if (!settings.provider)
      return {
        kind: 'handoff',
        reason: 'ai_disabled',
        detail: 'No AI provider is set up: set one under Automation > AI.',
        ...NO_TOKENS,
      };

    const question = turnOf(message);
    const [earlier, articles] = await Promise.all([
      this.messages.listBefore(tenantId, message.conversationId, message, PROMPT_LIMITS.history - 1),
      this.knowledge.relevant(tenantId, question.content, PROMPT_LIMITS.articles),
    ]);
    const history = [
      ...earlier
        .filter((m) => m.type !== 'note')
        .reverse()
        .map(turnOf),
      question,
    ];
    const result = await this.completions.complete(
      settings.provider,
      buildChatMessages({ instructions: settings.instructions, articles, history }),
      this.config.AI_TIMEOUT_MS,
    );
    const tokens = { promptTokens: result.promptTokens, completionTokens: result.completionTokens };
    if (!result.ok) return { kind: 'handoff', reason: 'ai_failed', detail: result.detail, ...tokens };

    const answer = readModelAnswer(result.content);
    if (!answer)
      return {
        kind: 'handoff',
        reason: 'ai_failed',
        detail: 'The AI’s answer was not in the format asked for.',
        ...tokens,
      };
    if (answer.kind === 'answer') return { kind: 'answer', text: answer.text, model: result.model, ...tokens };
    return answer.reason === 'customer_asked_for_person'
      ? {
          kind: 'handoff',
          reason: 'customer_asked_for_person',
          detail: 'The customer asked to talk to a person.',
          ...tokens,
        }
      : {
          kind: 'handoff',
          reason: 'model_cannot_answer',
          detail: `The AI could not answer from the knowledge base${answer.why ? `: ${answer.why}` : '.'}`,
          ...tokens,
        };
  }
}
