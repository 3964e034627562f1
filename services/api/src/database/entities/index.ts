import { AdminInvitation } from './admin-invitation.entity';
import { AiSettings } from './ai-settings.entity';
import { AuditLog } from './audit-log.entity';
import { CampaignRecipient } from './campaign-recipient.entity';
import { Campaign } from './campaign.entity';
import { Contact } from './contact.entity';
import { ConversationNote } from './conversation-note.entity';
import { Conversation } from './conversation.entity';
import { Invitation } from './invitation.entity';
import { KnowledgeArticle } from './knowledge-article.entity';
import { MessageStatusEvent } from './message-status-event.entity';
import { Message } from './message.entity';
import { PlatformAdmin } from './platform-admin.entity';
import { Template } from './template.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { WhatsAppAccount } from './whatsapp-account.entity';

export {
  AdminInvitation,
  AiSettings,
  AuditLog,
  Campaign,
  CampaignRecipient,
  Contact,
  Conversation,
  ConversationNote,
  Invitation,
  KnowledgeArticle,
  Message,
  MessageStatusEvent,
  PlatformAdmin,
  Template,
  Tenant,
  User,
  WhatsAppAccount,
};
export type { MessageError } from './message.entity';
export const ENTITIES = [
  Tenant,
  User,
  Invitation,
  AuditLog,
  WhatsAppAccount,
  Contact,
  Conversation,
  ConversationNote,
  Message,
  MessageStatusEvent,
  Template,
  PlatformAdmin,
  AdminInvitation,
  Campaign,
  CampaignRecipient,
  AiSettings,
  KnowledgeArticle,
];
