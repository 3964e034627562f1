import type { OutboxEntry } from '../state/outbox';
import type { ReadReceipt } from '../state/read-receipts';
import type { DeliveryRecord } from '../webhooks/delivery-log';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A delivery as GET /_sandbox/deliveries shows it. */
export function deliveryView(record: DeliveryRecord) {
  return {
    id: record.id,
    state: record.state,
    delivered: record.state === 'delivered',
    created_at: iso(record.createdAt),
    url: record.url,
    fields: [...new Set(record.items.map((i) => i.field))],
    waba_ids: [...new Set(record.items.map((i) => i.wabaId))],
    wamids: record.wamids,
    attempts: record.attempts.map((a) => ({
      attempt: a.attempt,
      started_at: iso(a.startedAt),
      duration_ms: a.durationMs,
      outcome: a.outcome,
      status: a.status,
      error: a.error,
      response_body: a.responseBody,
    })),
    next_attempt_at: iso(record.nextAttemptAt),
    duplicate_of: record.duplicateOf,
    batched_into: record.batchedInto,
    batched_from: record.batchedFrom,
    payload: record.envelope,
  };
}

export function outboxView(entry: OutboxEntry) {
  return {
    wamid: entry.wamid,
    phone_number_id: entry.phoneNumberId,
    to: entry.to,
    recipient: entry.recipient,
    type: entry.type,
    request: entry.request,
    created_at: iso(entry.createdAt),
  };
}

/** A mark-as-read call as GET /_sandbox/read-receipts shows it. */
export function readReceiptView(entry: ReadReceipt) {
  return {
    phone_number_id: entry.phoneNumberId,
    message_id: entry.messageId,
    typing_indicator: entry.typingIndicator,
    created_at: iso(entry.createdAt),
  };
}
