import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import {
  MESSAGING_LIMIT_TIERS,
  PHONE_NUMBER_STATUSES,
  phoneNumberStatus,
  QUALITY_RATINGS,
  THROUGHPUT_LEVELS,
} from '../state/accounts';
import { findBusinessNumber } from './business-number';
import { ControlError, parseInput } from './control-error';

/** An expiring token's default lifetime: inside the 7 days in which a platform would warn about it. */
const EXPIRING_DEFAULT_SECONDS = 3 * 24 * 60 * 60;

const phoneNumberIdSchema = z.string().regex(/^\d+$/, 'must be a numeric phone number id');

const tokenStateSchema = z
  .strictObject({
    state: z.enum(['valid', 'expiring', 'expired', 'revoked']),
    /** When a valid or expiring token expires, from now (sandbox clock); a valid token without it never expires. */
    expires_in_seconds: z.int().positive().optional(),
  })
  .refine((input) => input.expires_in_seconds === undefined || ['valid', 'expiring'].includes(input.state), {
    path: ['expires_in_seconds'],
    message: 'only a valid or expiring token takes an expiry',
  });

const numberHealthSchema = z
  .strictObject({
    quality_rating: z.enum(QUALITY_RATINGS).optional(),
    messaging_limit_tier: z.enum(MESSAGING_LIMIT_TIERS).optional(),
    throughput_level: z.enum(THROUGHPUT_LEVELS).optional(),
    /** Meta's number status; null goes back to CONNECTED once registered (PENDING before). */
    status: z.enum(PHONE_NUMBER_STATUSES).nullable().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'give at least one field to change' });

type NumberParams = { Params: { phone_number_id: string } };

/**
 * What Meta changes on its side without asking: a number's token expiring or being revoked, its quality rating,
 * messaging limit and throughput. Nothing is delivered by webhook; `POST /events` sends one when a test wants it.
 */
export function registerNumberHealthRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.post<NumberParams>('/phone-numbers/:phone_number_id/token', async (request) => {
    const phoneNumberId = parseInput(phoneNumberIdSchema, request.params.phone_number_id, 'phone_number_id');
    const input = parseInput(tokenStateSchema, request.body);
    const { phoneNumber, waba } = findBusinessNumber(ctx, phoneNumberId);
    const tokens = ctx.state.tokens.tokensOfWaba(waba.id);
    if (tokens.length === 0) {
      throw new ControlError(
        409,
        `No token was issued for phone number ${phoneNumber.id} yet: exchange its Embedded Signup code first ` +
          `(GET /{version}/oauth/access_token)`,
      );
    }
    const seconds =
      input.state === 'expiring' ? (input.expires_in_seconds ?? EXPIRING_DEFAULT_SECONDS) : input.expires_in_seconds;
    ctx.state.tokens.setState(tokens, input.state, seconds === undefined ? null : seconds * 1000);
    const expiresAt = tokens[0]!.expiresAt;
    return {
      phone_number_id: phoneNumber.id,
      waba_id: waba.id,
      tokens: tokens.length,
      state: input.state,
      expires_at: expiresAt === null ? 0 : Math.floor(expiresAt / 1000),
    };
  });

  control.patch<NumberParams>('/phone-numbers/:phone_number_id', async (request) => {
    const phoneNumberId = parseInput(phoneNumberIdSchema, request.params.phone_number_id, 'phone_number_id');
    const input = parseInput(numberHealthSchema, request.body);
    const { phoneNumber } = findBusinessNumber(ctx, phoneNumberId);
    if (input.quality_rating !== undefined) phoneNumber.qualityRating = input.quality_rating;
    if (input.messaging_limit_tier !== undefined) phoneNumber.messagingLimitTier = input.messaging_limit_tier;
    if (input.throughput_level !== undefined) phoneNumber.throughputLevel = input.throughput_level;
    if (input.status !== undefined) phoneNumber.statusOverride = input.status;
    return {
      phone_number_id: phoneNumber.id,
      quality_rating: phoneNumber.qualityRating,
      messaging_limit_tier: phoneNumber.messagingLimitTier,
      throughput_level: phoneNumber.throughputLevel,
      status: phoneNumberStatus(phoneNumber),
    };
  });
}
