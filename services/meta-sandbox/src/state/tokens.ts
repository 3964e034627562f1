import type { Clock } from '../clock';
import { type IdGenerator, randomAlphanumeric } from './ids';

export type SignupGrant = {
  businessId: string;
  wabaId: string;
  phoneNumberId: string;
};

export type SignupCodeRecord = SignupGrant & {
  code: string;
  expiresAt: number;
  usedAt: number | null;
};

/** A Business Integration System User token: what exchanging an Embedded Signup code yields. */
export type AccessTokenRecord = {
  token: string;
  /** The system user Meta creates for the integration (debug_token's user_id). */
  userId: string;
  businessId: string;
  /** The WABAs the customer granted in Embedded Signup (debug_token's granular_scopes target_ids). */
  wabaIds: readonly string[];
  issuedAt: number;
  /** When Meta stops accepting it (ms); null = never, as a business integration token issued by Embedded Signup. */
  expiresAt: number | null;
  /** Set when the business removed the app's access (or a control call did): Meta refuses the token from then on. */
  revokedAt: number | null;
};

/** Why Meta refuses a token, with the OAuth subcode it answers (463 expired, 458 app not authorized). */
export type TokenProblem = { reason: 'expired' | 'revoked'; subcode: number; message: string };

/** What a control call makes of a number's tokens (`POST /_sandbox/phone-numbers/:id/token`). */
export type TokenState = 'valid' | 'expiring' | 'expired' | 'revoked';

export type RedeemResult =
  { ok: true; token: AccessTokenRecord } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Embedded Signup codes and the business tokens they are exchanged for. */
export class TokenStore {
  private readonly codes = new Map<string, SignupCodeRecord>();
  private readonly tokens = new Map<string, AccessTokenRecord>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  issueCode(grant: SignupGrant, ttlMs: number): SignupCodeRecord {
    const record: SignupCodeRecord = {
      ...grant,
      code: `AQ${randomAlphanumeric(150)}`,
      expiresAt: this.clock.now() + ttlMs,
      usedAt: null,
    };
    this.codes.set(record.code, record);
    return record;
  }

  /** Codes are single-use and short-lived, like Meta's. */
  redeem(code: string): RedeemResult {
    const record = this.codes.get(code);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.usedAt !== null) return { ok: false, reason: 'used' };
    const now = this.clock.now();
    if (now > record.expiresAt) return { ok: false, reason: 'expired' };
    record.usedAt = now;
    const token: AccessTokenRecord = {
      token: `EAAG${randomAlphanumeric(180)}`,
      userId: this.ids.next(),
      businessId: record.businessId,
      wabaIds: [record.wabaId],
      issuedAt: now,
      expiresAt: null,
      revokedAt: null,
    };
    this.tokens.set(token.token, token);
    return { ok: true, token };
  }

  findToken(token: string): AccessTokenRecord | undefined {
    return this.tokens.get(token);
  }

  /** The tokens granted a WABA, oldest first. */
  tokensOfWaba(wabaId: string): AccessTokenRecord[] {
    return [...this.tokens.values()].filter((t) => t.wabaIds.includes(wabaId));
  }

  /**
   * Puts tokens in a state, as a control call asks: `expiresInMs` sets the expiry of a valid or expiring token
   * (null: never expires); an expired token expired a second ago; a revoked one keeps its expiry.
   */
  setState(records: readonly AccessTokenRecord[], state: TokenState, expiresInMs: number | null): void {
    const now = this.clock.now();
    for (const record of records) {
      record.revokedAt = state === 'revoked' ? now : null;
      if (state === 'expired') record.expiresAt = now - 1_000;
      else if (state !== 'revoked') record.expiresAt = expiresInMs === null ? null : now + expiresInMs;
    }
  }

  /** Why Meta would refuse the token now, or null while it is accepted. */
  problemOf(record: AccessTokenRecord, appId: string): TokenProblem | null {
    if (record.revokedAt !== null) {
      return {
        reason: 'revoked',
        subcode: 458,
        message: `Error validating access token: The user has not authorized application ${appId}.`,
      };
    }
    const now = this.clock.now();
    if (record.expiresAt !== null && record.expiresAt <= now) {
      return {
        reason: 'expired',
        subcode: 463,
        message: `Error validating access token: Session has expired on ${new Date(record.expiresAt).toUTCString()}. The current time is ${new Date(now).toUTCString()}.`,
      };
    }
    return null;
  }
}
