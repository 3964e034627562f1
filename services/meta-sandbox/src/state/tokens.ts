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
};

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
    };
    this.tokens.set(token.token, token);
    return { ok: true, token };
  }

  findToken(token: string): AccessTokenRecord | undefined {
    return this.tokens.get(token);
  }
}
