import type { ConversationDto, MessageDto, NoteDto, Page, ReplySuggestionDto } from '@aerostic/shared';
import type { InboxResult, TemplatesResult, ThreadData } from '../inbox-api';
import type { InboxFilters } from '../inbox-query';

/**
 * What the inbox asks of the server: the page passes its server actions (`app/dashboard/inbox/actions.ts`), and
 * tests pass their own answers.
 */
export interface InboxServer {
  loadConversations(filters: InboxFilters, cursor?: string | null): Promise<InboxResult<Page<ConversationDto>>>;
  loadThread(conversationId: string): Promise<InboxResult<ThreadData>>;
  loadOlderMessages(conversationId: string, cursor: string): Promise<InboxResult<Page<MessageDto>>>;
  markRead(conversationId: string): Promise<InboxResult<ConversationDto>>;
  sendMessage(conversationId: string, input: unknown, idempotencyKey: string): Promise<InboxResult<MessageDto>>;
  updateConversation(conversationId: string, patch: unknown): Promise<InboxResult<ConversationDto>>;
  addNote(conversationId: string, body: string): Promise<InboxResult<NoteDto>>;
  suggestReply(conversationId: string): Promise<InboxResult<ReplySuggestionDto>>;
  listTemplates(whatsappAccountId: string): Promise<TemplatesResult>;
}
