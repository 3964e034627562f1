import { type MetaError, toMetaError, UNDELIVERABLE_ERROR } from './meta-errors';
import type { BusinessNumber } from './message-builder';
import type { StatusInput } from './message-schema';
import type { TemplateCategory } from '../state/templates';

export type StatusPayload = {
  id: string;
  status: StatusInput['status'];
  timestamp: string;
  recipient_id?: string;
  recipient_user_id?: string;
  conversation?: Record<string, unknown>;
  pricing?: Record<string, unknown>;
  biz_opaque_callback_data?: string;
  errors?: MetaError[];
};

export type StatusesValue = {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  statuses: StatusPayload[];
};

/** Per-message pricing (PMP, since 2025-07): a reply inside the customer service window is free service. */
export const DEFAULT_PRICING = {
  billable: false,
  pricing_model: 'PMP',
  type: 'free_customer_service',
  category: 'service',
} as const;

/**
 * The pricing of a send under per-message pricing: a template is billed in its category (`regular`), except a
 * utility template inside the customer service window, which is free like any other message there.
 */
export function pricingOf(
  templateCategory: TemplateCategory | undefined,
  windowOpen: boolean,
): Record<string, unknown> {
  if (!templateCategory || (templateCategory === 'UTILITY' && windowOpen)) {
    return { ...DEFAULT_PRICING, ...(templateCategory && { category: 'utility' }) };
  }
  return { billable: true, pricing_model: 'PMP', type: 'regular', category: templateCategory.toLowerCase() };
}

/** Meta sends pricing with `sent` and with one of delivered/read; the sandbox puts it on sent and delivered. */
const PRICED: ReadonlySet<StatusInput['status']> = new Set(['sent', 'delivered']);

export function buildStatus(input: StatusInput, timestamp: string): StatusPayload {
  const status: StatusPayload = {
    id: input.wamid,
    status: input.status,
    timestamp,
    ...(input.recipient_id !== undefined && { recipient_id: input.recipient_id }),
    ...(input.recipient_user_id !== undefined && { recipient_user_id: input.recipient_user_id }),
  };
  if (input.conversation) status.conversation = input.conversation;
  if (input.pricing !== null && (input.pricing !== undefined || PRICED.has(input.status))) {
    status.pricing = input.pricing ?? { ...DEFAULT_PRICING };
  }
  if (input.biz_opaque_callback_data !== undefined) status.biz_opaque_callback_data = input.biz_opaque_callback_data;
  const errors = input.errors ?? (input.status === 'failed' ? [UNDELIVERABLE_ERROR] : undefined);
  if (errors) status.errors = errors.map(toMetaError);
  return status;
}

export function buildStatusesValue(business: BusinessNumber, status: StatusPayload): StatusesValue {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: business.displayPhoneNumber, phone_number_id: business.id },
    statuses: [status],
  };
}
