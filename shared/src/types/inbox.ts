import { type ConversationSourceDto } from './click-to-chat';
import { type WebhookEndpointDto } from './integrations';
import { type MetaBudgetDto } from './billing';
import { type ConversationStatus, type MessageDirection, type MessageStatus } from '../constants/messaging';
import { type WhatsAppAccountDto } from './whatsapp';
import { type AutomatedBy, type PresenceDto } from './automation';
import { type CampaignUpdatedEvent } from './campaigns';

export interface ContactSummaryDto {
  id: string;
  /** The phone number (E.164 digits); null for a customer known only by user id, who set a username. */
  waId: string | null;
  /** Meta's business-scoped user id, once a webhook carried it (docs/adr/0113). */
  userId: string | null;
  /** The customer's WhatsApp username, when Meta tells it. */
  username: string | null;
  name: string | null;
  profileName: string | null;
  /** What to show: the team's name, else the profile name, else the username, else the number (`contactDisplayName`). */
  displayName: string;
}

export interface ConversationDto {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  /** The team it was routed to or put in (issue 18); an inbox filter. */
  teamId: string | null;
  contact: ContactSummaryDto;
  whatsappAccountId: string;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastInboundAt: string | null;
  unreadCount: number;
  /** The 24-hour customer service window: free-form messages only while it is open. */
  window: { open: boolean; expiresAt: string | null };
  createdAt: string;
  /** The link, QR code, widget or ad the customer came from; null when none was recognised (docs/adr/0153). */
  source: ConversationSourceDto | null;
  /** Grows with every change of the row: of two copies of a conversation, the one with the larger version is newer. */
  version: number;
}

export interface MessageErrorDto {
  code: number;
  title: string | null;
  details: string | null;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  type: string;
  /** Meta's message object without from/id/timestamp: `{ text: {...} }`, `{ image: {...}, context: {...} }`... */
  content: Record<string, unknown>;
  status: MessageStatus;
  wamid: string | null;
  error: MessageErrorDto | null;
  replyToWamid: string | null;
  reactions: Record<string, string>;
  senderUserId: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  /** The campaign that sent this message, or that this inbound message answers (docs/adr/0116). */
  campaignId: string | null;
  /** Written by an automation rule or the AI rather than typed by the team (issue 18). */
  automatedBy: AutomatedBy | null;
  createdAt: string;
  /** Grows with every change of the row: of two copies of a message, the one with the larger version is newer. */
  version: number;
}

export interface NoteDto {
  id: string;
  conversationId: string;
  authorUserId: string | null;
  body: string;
  createdAt: string;
}

/** Socket.IO events the API emits to a tenant's room. */
export interface RealtimeEvents {
  'message.created': { conversationId: string; message: MessageDto };
  'message.updated': { conversationId: string; message: MessageDto };
  'conversation.updated': { conversation: ConversationDto };
  'note.created': { conversationId: string; note: NoteDto };
  /** Meta's review or quality decision on a template (status webhook); read the template again for the rest. */
  'template.updated': {
    metaTemplateId: string;
    wabaId: string;
    status: string;
    rejectedReason: string | null;
    /** Set when the event is a quality change (`message_template_quality_update`). */
    qualityScore?: string;
  };
  /** A number's health changed (quality, messaging limit, throughput, Meta's status): the number as it is now. */
  'whatsapp.updated': { account: WhatsAppAccountDto };
  /** A campaign's status or totals changed (at most once a second per campaign). */
  'campaign.updated': CampaignUpdatedEvent;
  /** A member came online, went away or offline (docs/adr/0122). */
  'presence.updated': PresenceDto;
  /** To the tenant's admins only: this month's Meta cost crossed 80 % (`warning`) or 100 % (`exhausted`) of the budget. */
  'billing.budget': MetaBudgetDto;
  /** To the tenant's admins only: an event webhook failed for three days and was disabled (docs/adr/0141). */
  'integrations.webhook_disabled': { endpoint: WebhookEndpointDto };
}
export type RealtimeEventName = keyof RealtimeEvents;
