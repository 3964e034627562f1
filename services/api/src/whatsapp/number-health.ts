import { classifyGraphError } from '@aerostic/shared';
import { type DebugTokenData, type PhoneNumberDetails } from './graph-client';
import { GraphApiError, WhatsAppNotConfiguredError } from './whatsapp.errors';

/** A token Meta stops accepting within this long is `expiring`: the business has a week to reconnect the number. */
export const EXPIRING_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export type CheckedTokenStatus = 'valid' | 'expiring' | 'invalid';

export interface TokenVerdict {
  status: CheckedTokenStatus;
  /** When Meta stops accepting it; null when it never expires. */
  expiresAt: Date | null;
  /** Why it is not simply valid; null when it is. */
  problem: string | null;
}

/** The number's facts as Meta reported them. */
export interface NumberFacts {
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  throughputLevel: string | null;
  /** Meta's status of the number: CONNECTED, FLAGGED, RESTRICTED, BANNED, … */
  status: string | null;
}

/** What one check learned from Meta. */
export interface HealthVerdict {
  /** null when Meta could not be asked about the token: the stored status stays. */
  token: TokenVerdict | null;
  /** null when the number's fields could not be read: the stored ones stay. */
  number: NumberFacts | null;
  /** Why the check failed or flagged the number; null when all is well. */
  problem: string | null;
  /** Meta was unreachable or answered a transient error: worth trying again later. */
  unreachable: boolean;
}

const WHATSAPP_SCOPES = new Set(['whatsapp_business_management', 'whatsapp_business_messaging']);

/** The WABAs the token's WhatsApp permissions reach (its granular scopes' targets). */
export function grantedWabaIds(debug: DebugTokenData): string[] {
  return (debug.granular_scopes ?? []).filter((s) => WHATSAPP_SCOPES.has(s.scope)).flatMap((s) => s.target_ids ?? []);
}

/** Unix seconds, 0 meaning never, as `debug_token` gives expiries. */
function fromUnixSeconds(seconds: number | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null;
}

/**
 * `debug_token`'s answer about a number's token. Invalid when Meta says so or no longer grants it the number's WABA;
 * its expiry is the earlier of `expires_at` and `data_access_expires_at`, since past either the token reaches nothing.
 */
export function judgeToken(debug: DebugTokenData, wabaId: string, now: Date): TokenVerdict {
  const expiries = [fromUnixSeconds(debug.expires_at), fromUnixSeconds(debug.data_access_expires_at)].filter(
    (d): d is Date => d !== null,
  );
  const expiresAt = expiries.length > 0 ? new Date(Math.min(...expiries.map((d) => d.getTime()))) : null;
  if (debug.is_valid !== true) {
    const reason = debug.error?.message ?? 'debug_token reports it invalid';
    return { status: 'invalid', expiresAt, problem: `Meta no longer accepts the access token: ${reason}` };
  }
  if (!grantedWabaIds(debug).includes(wabaId)) {
    return {
      status: 'invalid',
      expiresAt,
      problem: `The access token is no longer granted the WhatsApp Business Account ${wabaId}`,
    };
  }
  if (expiresAt && expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) {
    return {
      status: 'expiring',
      expiresAt,
      problem: `The access token expires on ${expiresAt.toISOString()}: reconnect the number before then`,
    };
  }
  return { status: 'valid', expiresAt, problem: null };
}

export function numberFactsOf(details: PhoneNumberDetails): NumberFacts {
  return {
    verifiedName: details.verified_name ?? null,
    qualityRating: details.quality_rating ?? null,
    messagingLimitTier: details.whatsapp_business_manager_messaging_limit ?? null,
    throughputLevel: details.throughput?.level ?? null,
    status: details.status ?? null,
  };
}

/** Meta's number statuses under which it sends normally. */
const SENDING_STATUSES = new Set(['CONNECTED']);

/** Why Meta's report on the number needs attention, or null. */
export function numberProblem(facts: NumberFacts): string | null {
  return facts.status && !SENDING_STATUSES.has(facts.status.toUpperCase())
    ? `Meta reports the number as ${facts.status}`
    : null;
}

export type GraphFailure = 'unreachable' | 'token-refused' | 'other';

/** Permission errors (10, 200–299): the token no longer reaches this number (reference §5). */
const isPermissionError = (code: number) => code === 10 || (code >= 200 && code <= 299);

/**
 * What a failed Graph call means for a check: Meta unreachable (network, timeout, 5xx, transient codes), the token
 * refused (190 and its kin, or no permission on the number), or something else. Errors that are not Meta's rethrow.
 */
export function classifyCheckFailure(error: unknown): GraphFailure {
  if (error instanceof WhatsAppNotConfiguredError) return 'other';
  if (!(error instanceof GraphApiError)) throw error;
  // GraphClient reports a network error or a timeout as code 0 with no HTTP status: not Meta's code 0.
  if (error.httpStatus === 0) return 'unreachable';
  const action = classifyGraphError({ code: error.code }, error.httpStatus);
  if (action === 'retry') return 'unreachable';
  if (action === 'token-invalid' || isPermissionError(error.code)) return 'token-refused';
  return 'other';
}
