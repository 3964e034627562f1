import {
  addNoteAction,
  listTemplatesAction,
  loadConversationsAction,
  loadOlderMessagesAction,
  loadThreadAction,
  markReadAction,
  sendMessageAction,
  suggestReplyAction,
  updateConversationAction,
} from '@/app/dashboard/inbox/actions';
import type { InboxServer } from '@/lib/inbox/hooks/inbox-server';

/** The inbox's server actions, each of which checks the session and validates its input again. */
export const INBOX_SERVER: InboxServer = {
  loadConversations: loadConversationsAction,
  loadThread: loadThreadAction,
  loadOlderMessages: loadOlderMessagesAction,
  markRead: markReadAction,
  sendMessage: sendMessageAction,
  updateConversation: updateConversationAction,
  addNote: addNoteAction,
  suggestReply: suggestReplyAction,
  listTemplates: listTemplatesAction,
};
