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

/** Every column `decodeContact` reads. */
const CONTACT_COLUMNS = [
  'id',
  'tenant_id',
  'wa_id',
  'user_id',
  'parent_user_id',
  'profile_name',
  'name',
  'username',
  'tags',
  'attributes',
  'opted_out',
  'marketing_consent',
  'marketing_consent_at',
  'marketing_consent_source',
  'created_at',
  'updated_at',
] as const;

/**
 * The select list of a contact joined to another table's row as `alias`, each column named `<prefix><column>` so that
 * the other table's columns of the same name stay apart; `decodePrefixedContact` reads them back.
 */
export function prefixedContactColumns(alias: string, prefix: string): string {
  return CONTACT_COLUMNS.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(', ');
}

/** The contact of a row selected with `prefixedContactColumns`. */
export function decodePrefixedContact(row: Row, prefix: string): Contact {
  const contact: Row = {};
  for (const column of CONTACT_COLUMNS) contact[column] = row[`${prefix}${column}`];
  return decodeContact(contact);
}

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
