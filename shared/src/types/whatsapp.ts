import type { TokenStatus } from './admin';

export interface WhatsAppAccountDto {
  id: string;
  wabaId: string;
  phoneNumberId: string;
  /** Digits only, E.164 without `+`. */
  displayPhoneNumber: string;
  verifiedName: string | null;
  qualityRating: string | null;
  /** STANDARD (80 messages/s) or HIGH (1,000 messages/s). */
  throughputLevel: string;
  messagesPerSecond: number;
  messagingLimitTier: string | null;
  /**
   * Meta's status of the number or its business account, from webhooks and checks: CONNECTED, FLAGGED (quality low;
   * the limit drops unless it improves), RESTRICTED (sending limited), BANNED, DISABLED, …; null until Meta tells.
   */
  metaStatus: string | null;
  /** Meta's reason for `metaStatus` in words (restriction types and until when, the violation, the ban state). */
  metaStatusReason: string | null;
  /** When Meta changed `metaStatus` (the webhook's time). */
  metaStatusChangedAt: string | null;
  status: 'connected' | 'disconnected';
  /** `valid`, `expiring` (Meta stops accepting it within 7 days: reconnect the number) or `invalid` (reconnect now). */
  tokenStatus: TokenStatus;
  /** When Meta will stop accepting the number's token; null when it never expires. */
  tokenExpiresAt: string | null;
  /** When Aerostic last asked Meta about the token and the number (daily); null before the first check. */
  lastCheckedAt: string | null;
  /**
   * While Meta's spam rate limit (131048) cools off, the number's messages are sent `SPAM_COOL_OFF.factor` times
   * slower until this time (ISO 8601); null when the number sends at its full rate.
   */
  sendingSlowedUntil: string | null;
  createdAt: string;
}
