import { type MessageDto } from '@aerostic/shared';
import { type Message } from '../database/entities';

export function toMessageDto(message: Message): MessageDto {
  return {
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    type: message.type,
    content: message.content,
    status: message.status,
    wamid: message.wamid,
    error: message.error,
    replyToWamid: message.replyToWamid,
    reactions: message.reactions,
    senderUserId: message.senderUserId,
    sentAt: message.sentAt?.toISOString() ?? null,
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    readAt: message.readAt?.toISOString() ?? null,
    failedAt: message.failedAt?.toISOString() ?? null,
    campaignId: message.campaignId,
    automatedBy: message.automatedBy,
    createdAt: message.createdAt.toISOString(),
    version: message.version,
  };
}
