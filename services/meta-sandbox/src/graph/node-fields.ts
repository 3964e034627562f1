import { type PhoneNumberRecord, phoneNumberStatus, type WabaRecord } from '../state/accounts';
import { formatDisplayNumber } from './display-number';
import { graphErrors } from './graph-error';

type FieldRenderers<T> = Record<string, (record: T) => unknown>;

/** Meta's datetime format in phone number fields: `2023-08-22T19:05:53+0000`. */
function metaDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const PHONE_NUMBER_FIELDS: FieldRenderers<PhoneNumberRecord> = {
  id: (p) => p.id,
  display_phone_number: (p) => formatDisplayNumber(p.displayPhoneNumber),
  verified_name: (p) => p.verifiedName,
  quality_rating: (p) => p.qualityRating,
  // Embedded Signup verifies the number with a code before it hands the number over.
  code_verification_status: () => 'VERIFIED',
  platform_type: (p) => (p.registered ? 'CLOUD_API' : 'NOT_APPLICABLE'),
  throughput: (p) => ({ level: p.throughputLevel }),
  whatsapp_business_manager_messaging_limit: (p) => p.messagingLimitTier,
  // Deprecated by Meta in favour of the field above, still answered.
  messaging_limit_tier: (p) => p.messagingLimitTier,
  status: phoneNumberStatus,
  name_status: () => 'APPROVED',
  account_mode: () => 'LIVE',
  is_official_business_account: () => false,
  is_pin_enabled: (p) => p.pin !== null,
  last_onboarded_time: (p) => metaDateTime(p.createdAt),
};

/** GET /{phone-number-id} without `fields` (OpenAPI: id, display_phone_number, verified_name, quality_rating). */
export const PHONE_NUMBER_DEFAULT_FIELDS = ['verified_name', 'display_phone_number', 'quality_rating', 'id'];

/** GET /{waba-id}/phone_numbers without `fields` (the Embedded Signup documentation's example). */
export const PHONE_NUMBERS_EDGE_DEFAULT_FIELDS = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'platform_type',
  'throughput',
  'last_onboarded_time',
  'id',
];

export const WABA_FIELDS: FieldRenderers<WabaRecord> = {
  id: (w) => w.id,
  name: (w) => w.name,
  currency: () => 'USD',
  timezone_id: () => '1',
  message_template_namespace: (w) => w.messageTemplateNamespace,
  account_review_status: () => 'APPROVED',
  business_verification_status: () => 'verified',
  ownership_type: () => 'CLIENT_OWNED',
};

export const WABA_DEFAULT_FIELDS = ['id', 'name', 'timezone_id', 'message_template_namespace'];

/** The requested fields in order, `id` always (Meta appends it when it was not asked for). */
export function renderFields<T>(
  record: T,
  fields: readonly string[],
  renderers: FieldRenderers<T>,
  nodeType: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const render = renderers[field];
    if (!render) throw graphErrors.nonexistingField(field, nodeType);
    out[field] = render(record);
  }
  if (!('id' in out) && renderers.id) out.id = renderers.id(record);
  return out;
}
