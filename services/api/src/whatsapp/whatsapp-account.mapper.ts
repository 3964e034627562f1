import { messagesPerSecond, type WhatsAppAccountDto } from '@aerostic/shared';
import { type WhatsAppAccount } from '../database/entities';

export function toWhatsAppAccountDto(account: WhatsAppAccount): WhatsAppAccountDto {
  return {
    id: account.id,
    wabaId: account.wabaId,
    phoneNumberId: account.phoneNumberId,
    displayPhoneNumber: account.displayPhoneNumber,
    verifiedName: account.verifiedName,
    qualityRating: account.qualityRating,
    throughputLevel: account.throughputLevel,
    messagesPerSecond: messagesPerSecond(account.throughputLevel),
    messagingLimitTier: account.messagingLimitTier,
    status: account.status,
    tokenStatus: account.tokenStatus,
    createdAt: account.createdAt.toISOString(),
  };
}
