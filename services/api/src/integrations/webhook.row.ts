import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryStatus,
  type WebhookDeliveryType,
  type WebhookEventBody,
  type WebhookEventType,
} from '@aerostic/shared';
import {
  bool,
  int,
  intOrNull,
  jsonObject,
  oneOf,
  text,
  textArray,
  textOrNull,
  timestamp,
  timestampOrNull,
} from '../database/columns';
import { type Row } from '../database/sql';

/** A row of `webhook_endpoints`. */
export interface WebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  events: WebhookEventType[];
  secretSealed: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `webhook_deliveries`. */
export interface WebhookDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  type: WebhookDeliveryType;
  payload: WebhookEventBody;
  status: WebhookDeliveryStatus;
  attempts: number;
  durationMs: number | null;
  responseCode: number | null;
  responseExcerpt: string | null;
  retryUntil: Date;
  createdAt: Date;
  lastAttemptAt: Date | null;
}

export function decodeEndpoint(row: Row): WebhookEndpoint {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    url: text(row, 'url'),
    events: textArray(row, 'events').filter((e): e is WebhookEventType =>
      (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    ),
    secretSealed: text(row, 'secret_sealed'),
    enabled: bool(row, 'enabled'),
    disabledReason: textOrNull(row, 'disabled_reason'),
    failingSince: timestampOrNull(row, 'failing_since'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

export function decodeDelivery(row: Row): WebhookDelivery {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    endpointId: text(row, 'endpoint_id'),
    eventId: text(row, 'event_id'),
    type: text(row, 'type') as WebhookDeliveryType,
    payload: jsonObject<WebhookEventBody>(row, 'payload'),
    status: oneOf(row, 'status', WEBHOOK_DELIVERY_STATUSES),
    attempts: int(row, 'attempts'),
    durationMs: intOrNull(row, 'duration_ms'),
    responseCode: intOrNull(row, 'response_code'),
    responseExcerpt: textOrNull(row, 'response_excerpt'),
    retryUntil: timestamp(row, 'retry_until'),
    createdAt: timestamp(row, 'created_at'),
    lastAttemptAt: timestampOrNull(row, 'last_attempt_at'),
  };
}
