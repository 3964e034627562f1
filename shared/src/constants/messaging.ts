export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** Outbound ticks move forward only: queued < sent < delivered < read; failed is final. Inbound is `received`. */
export const MESSAGE_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The order of an outbound message's ticks, defined once: the SQL that keeps ticks monotonic, the API and the
 * dashboard all read it from here. `failed` stands apart: final, and only after queued or sent.
 */
export const MESSAGE_TICKS = ['queued', 'sent', 'delivered', 'read'] as const;
export type MessageTick = (typeof MESSAGE_TICKS)[number];

/** A status's place among the ticks (queued 0 … read 3); -1 for `failed` and `received`, which are not ticks. */
export function tickRank(status: MessageStatus): number {
  return (MESSAGE_TICKS as readonly string[]).indexOf(status);
}

/** Whether `next` may replace `current` on an outbound message: a later tick, or a failure before delivery. */
export function isStatusAdvance(current: MessageStatus, next: MessageStatus): boolean {
  if (current === 'failed' || current === 'received') return false;
  if (next === 'failed') return current === 'queued' || current === 'sent';
  return tickRank(next) > tickRank(current);
}

/** The customer service window: free-form messages only within 24 hours of the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether free-form messages may be sent now, and until when, from the customer's last message. */
export function serviceWindow(lastInboundAt: Date | null, now = Date.now()): { open: boolean; expiresAt: Date | null } {
  const expiresAt = lastInboundAt ? new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS) : null;
  return { open: expiresAt !== null && expiresAt.getTime() > now, expiresAt };
}

/** Meta's per-number throughput: 80 messages/s by default, 1,000 once upgraded (level HIGH). */
export const THROUGHPUT_MPS = { STANDARD: 80, HIGH: 1000 } as const;
export function messagesPerSecond(level: string): number {
  return level === 'HIGH' ? THROUGHPUT_MPS.HIGH : THROUGHPUT_MPS.STANDARD;
}

/**
 * Meta's messaging limit: how many unique customers a number may reach with business-initiated messages in a rolling
 * 24 hours, from its tier (`TIER_250`, `TIER_2K`, `TIER_100K`, `TIER_UNLIMITED`, …). An unknown tier counts as a new
 * number's, TIER_250; Infinity means no limit.
 */
export function messagingLimitOf(tier: string | null): number {
  if (tier === 'TIER_UNLIMITED') return Infinity;
  const match = /^TIER_(\d+)(K?)$/.exec(tier ?? '');
  if (!match) return 250;
  return Number(match[1]) * (match[2] ? 1000 : 1);
}
/** The window Meta counts a number's unique customers in. */
export const MESSAGING_LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Meta's media limits by type: accepted MIME types and the largest size in bytes. */
export const MEDIA_LIMITS = {
  audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * 1024 * 1024 },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * 1024 * 1024,
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * 1024 * 1024 },
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
} as const;
export type MediaKind = keyof typeof MEDIA_LIMITS;

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

/**
 * The WhatsApp media kind a file of this MIME type is sent as (`image/webp` is a sticker), or null when WhatsApp
 * accepts no such type.
 */
export function mediaKindOf(mimeType: string): MediaKind | null {
  const base = baseMimeType(mimeType);
  for (const kind of Object.keys(MEDIA_LIMITS) as MediaKind[]) {
    if ((MEDIA_LIMITS[kind].mimeTypes as readonly string[]).includes(base)) return kind;
  }
  return null;
}

/** The largest file WhatsApp accepts of any kind (documents, 100 MB). */
/** How long a media id from `POST /{phone-number-id}/media` can be sent: Meta keeps an upload for 30 days. */
export const MEDIA_UPLOAD_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export const MEDIA_MAX_BYTES = Math.max(...Object.values(MEDIA_LIMITS).map((l) => l.maxBytes));
