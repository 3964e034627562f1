import { type AdminWhatsAppAccountDto, messagesPerSecond, type WhatsAppAccountDto } from '@aerostic/shared';
import { type WhatsAppAccount } from '../database/entities';
import { type AdminAccountRow } from './whatsapp-account.repository';

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
    metaStatus: account.metaStatus,
    metaStatusReason: account.metaStatusReason,
    metaStatusChangedAt: account.metaStatusChangedAt?.toISOString() ?? null,
    status: account.status,
    tokenStatus: account.tokenStatus,
    tokenExpiresAt: account.tokenExpiresAt?.toISOString() ?? null,
    lastCheckedAt: account.healthCheckedAt?.toISOString() ?? null,
    sendingSlowedUntil: slowedUntil?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}

/** A number with its health as the admin panel shows it, across workspaces. */
export function toAdminWhatsAppAccountDto({ account, tenantName }: AdminAccountRow): AdminWhatsAppAccountDto {
  return {
    id: account.id,
    tenantId: account.tenantId,
    tenantName,
    phoneNumberId: account.phoneNumberId,
    displayPhoneNumber: account.displayPhoneNumber,
    verifiedName: account.verifiedName,
    wabaId: account.wabaId,
    status: account.status,
    tokenStatus: account.tokenStatus,
    tokenExpiresAt: account.tokenExpiresAt?.toISOString() ?? null,
    qualityRating: account.qualityRating,
    messagingLimitTier: account.messagingLimitTier,
    throughputLevel: account.throughputLevel,
    metaStatus: account.metaStatus,
    metaStatusReason: account.metaStatusReason,
    metaStatusChangedAt: account.metaStatusChangedAt?.toISOString() ?? null,
    lastCheckedAt: account.healthCheckedAt?.toISOString() ?? null,
    lastCheckError: account.healthError,
  };
}
