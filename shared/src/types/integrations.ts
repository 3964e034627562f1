/** The events a workspace's webhook endpoints subscribe to (issue 20). */
export const WEBHOOK_EVENT_TYPES = [
  'message.received',
  'message.sent',
  'message.status',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'contact.created',
  'contact.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Types only sent on request, never subscribed to: a test event and an automation rule's `call_webhook`. */
export type WebhookDeliveryType = WebhookEventType | 'webhook.test' | 'automation.call_webhook';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookEndpointDto {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Why the platform disabled it (failing for three days); null when enabled or disabled by an admin. */
  disabledReason: string | null;
  /** Since when every delivery failed; null while deliveries succeed. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The create answer: the only time the signing secret is shown. */
export interface CreatedWebhookEndpointDto extends WebhookEndpointDto {
  secret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  /** The event's id, the same on every attempt: receivers deduplicate on it. */
  eventId: string;
  type: WebhookDeliveryType;
  status: WebhookDeliveryStatus;
  attempts: number;
  durationMs: number | null;
  responseCode: number | null;
  /** The start of the last response's body, or why the attempt failed without one. */
  responseExcerpt: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

/** The body POSTed to an endpoint. */
export interface WebhookEventBody {
  id: string;
  type: WebhookDeliveryType;
  createdAt: string;
  tenantId: string;
  data: Record<string, unknown>;
}
