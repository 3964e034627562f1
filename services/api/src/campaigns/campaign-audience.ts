import {
  CAMPAIGN_SKIP_REASONS,
  type CampaignAudience,
  META_MARKET_RATES,
  META_OTHER_MARKET,
  type PricedCategory,
} from '@aerostic/shared';
import { type SqlParams } from '../database/sql-text';
import { type ContactField, type ParameterSource } from './campaign-template';

/** Who receives a campaign and with which values: the input of the audience's SELECT. */
export interface AudienceSpec {
  tenantId: string;
  audience: CampaignAudience;
  category: PricedCategory;
  parameters: readonly ParameterSource[];
}

/** A SQL string literal of a constant of ours (never of a request's value). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]) => values.map(literal).join(', ');

/** The contact's name as the dashboard shows it, on contacts `c`. */
export const DISPLAY_NAME = (c: string) =>
  `COALESCE(${c}.name, ${c}.profile_name, '+' || ${c}.wa_id, ${c}.username, 'WhatsApp user')`;

/** The market (`META_MARKET_RATES`) a customer is billed in, as `metaMarketOf` decides it, from SQL columns. */
export function marketSql(waId: string, userId: string): string {
  const byNumber = META_MARKET_RATES.flatMap((m) =>
    m.callingCodes.map((code) => `WHEN ${waId} LIKE ${literal(`${code}%`)} THEN ${literal(m.market)}`),
  ).join(' ');
  const byUserId = META_MARKET_RATES.map(
    (m) => `WHEN left(${userId}, 2) IN (${list(m.countries)}) THEN ${literal(m.market)}`,
  ).join(' ');
  const other = literal(META_OTHER_MARKET.market);
  return `CASE WHEN ${waId} IS NOT NULL THEN CASE ${byNumber} ELSE ${other} END ${byUserId} ELSE ${other} END`;
}

/** True for a customer in a market where Meta refuses marketing templates (131049). */
function marketingBlockedSql(waId: string, userId: string): string {
  const blocked = META_MARKET_RATES.filter((m) => m.blocksMarketing).map((m) => literal(m.market));
  return blocked.length > 0 ? `(${marketSql(waId, userId)}) IN (${blocked.join(', ')})` : 'false';
}

/**
 * Why a contact is skipped, or NULL when it is sent: the team's opt-out flag skips every campaign; a marketing
 * template also needs granted consent and a market that takes marketing (opt-out first, then market, then consent).
 */
function skipReasonSql(category: PricedCategory): string {
  const { optedOut, marketBlocked, noConsent } = CAMPAIGN_SKIP_REASONS;
  if (category !== 'MARKETING') return `CASE WHEN c.opted_out THEN ${literal(optedOut)} END`;
  return `CASE WHEN c.opted_out OR c.marketing_consent = 'opted_out' THEN ${literal(optedOut)}
    WHEN ${marketingBlockedSql('c.wa_id', 'c.user_id')} THEN ${literal(marketBlocked)}
    WHEN c.marketing_consent <> 'granted' THEN ${literal(noConsent)} END`;
}

const FIELD_SQL: Record<ContactField, string> = {
  name: 'c.name',
  profileName: 'c.profile_name',
  displayName: DISPLAY_NAME('c'),
  phone: `'+' || c.wa_id`,
  username: 'c.username',
};

/** A parameter's value for contact `c`, whitespace collapsed (Meta refuses line breaks and tabs), NULL when empty. */
function parameterSql(source: ParameterSource, params: SqlParams): string {
  const value =
    'field' in source
      ? FIELD_SQL[source.field]
      : 'attribute' in source
        ? `c.attributes ->> ${params.add(source.attribute)}`
        : `${params.add(source.text)}::text`;
  return `NULLIF(btrim(regexp_replace(${value}, '\\s+', ' ', 'g')), '')`;
}

/**
 * The audience as one SELECT, in sending order: `contact_id, position` (from 0), `wa_id, user_id, display_name`,
 * `reason` (NULL when sent), `parameters` (a JSON array, null where a value is missing) and `filled_parameters`
 * (the same with empty texts). Contacts chosen by id come in the list's order, others oldest first.
 */
export function audienceSelect(spec: AudienceSpec, params: SqlParams): string {
  const { audience } = spec;
  const where = [`c.tenant_id = ${params.add(spec.tenantId)}`];
  if (audience.tags && audience.tags.length > 0) where.push(`c.tags && ${params.add(audience.tags)}::text[]`);
  if (audience.attributes && Object.keys(audience.attributes).length > 0) {
    where.push(`c.attributes @> ${params.add(JSON.stringify(audience.attributes))}::jsonb`);
  }
  const byId = audience.contactIds && audience.contactIds.length > 0;
  // A contact listed twice is sent once, at its first place.
  const join = byId
    ? `JOIN (SELECT id, min(n) AS n FROM unnest(${params.add(audience.contactIds)}::uuid[]) WITH ORDINALITY AS l (id, n)
         GROUP BY id) l ON l.id = c.id`
    : '';
  const values = spec.parameters.map((p) => parameterSql(p, params));
  return `SELECT c.id AS contact_id,
      (row_number() OVER (ORDER BY ${byId ? 'l.n, ' : ''}c.created_at, c.id) - 1)::int AS position,
      c.wa_id, c.user_id, ${DISPLAY_NAME('c')} AS display_name,
      ${skipReasonSql(spec.category)} AS reason,
      jsonb_build_array(${values.join(', ')}) AS parameters,
      jsonb_build_array(${values.map((v) => `COALESCE(${v}, '')`).join(', ')}) AS filled_parameters
    FROM contacts c ${join}
    WHERE ${where.join(' AND ')}`;
}
