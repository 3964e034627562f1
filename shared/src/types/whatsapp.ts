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
  status: 'connected' | 'disconnected';
  tokenStatus: 'valid' | 'invalid';
  createdAt: string;
}
