import { messagesPerSecond, type WhatsAppAccountDto } from '@aerostic/shared';
import { type WhatsAppAccount } from '../database/entities';

/** `slowedUntil`: the end of the number's spam cool-off, if one is running (`readSlowdowns`). */
export function toWhatsAppAccountDto(account: WhatsAppAccount, slowedUntil: Date | null = null): WhatsAppAccountDto {
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
    sendingSlowedUntil: slowedUntil?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}
