import { MARKETING_CONSENT_SOURCES, MARKETING_CONSENTS } from '@aerostic/shared';
import {
  bool,
  jsonObject,
  oneOf,
  oneOfOrNull,
  text,
  textArray,
  textOrNull,
  timestamp,
  timestampOrNull,
} from '../database/columns';
import { type Contact } from '../database/entities';
import { type Row } from '../database/sql';

/** The row decoder of `contacts`: a raw SQL row (`RETURNING *`) as the entity. */
export function decodeContact(row: Row): Contact {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    waId: textOrNull(row, 'wa_id'),
    userId: textOrNull(row, 'user_id'),
    parentUserId: textOrNull(row, 'parent_user_id'),
    profileName: textOrNull(row, 'profile_name'),
    name: textOrNull(row, 'name'),
    username: textOrNull(row, 'username'),
    tags: textArray(row, 'tags'),
    attributes: jsonObject<Record<string, string>>(row, 'attributes'),
    optedOut: bool(row, 'opted_out'),
    marketingConsent: oneOf(row, 'marketing_consent', MARKETING_CONSENTS),
    marketingConsentAt: timestampOrNull(row, 'marketing_consent_at'),
    marketingConsentSource: oneOfOrNull(row, 'marketing_consent_source', MARKETING_CONSENT_SOURCES),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}
