import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import { DisplayNumberTakenError, MESSAGING_LIMIT_TIERS, QUALITY_RATINGS, THROUGHPUT_LEVELS } from '../state/accounts';
import { ControlError, parseInput } from './control-error';

const createBusinessSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  verified_name: z.string().trim().min(1).max(120).optional(),
  /** Digits with the country code; `+`, spaces, dashes and parentheses are dropped. */
  display_phone_number: z
    .string()
    .transform((v) => v.replace(/[\s()+-]/g, ''))
    .pipe(z.string().regex(/^[1-9]\d{7,14}$/, 'must be 8 to 15 digits with the country code'))
    .optional(),
  throughput_level: z.enum(THROUGHPUT_LEVELS).default('STANDARD'),
  messaging_limit_tier: z.enum(MESSAGING_LIMIT_TIERS).default('TIER_250'),
  quality_rating: z.enum(QUALITY_RATINGS).default('GREEN'),
  /** Subscribe the app to the WABA at once, as if the platform had called POST /{waba-id}/subscribed_apps. */
  subscribed: z.boolean().default(false),
});

/** Creating businesses: what a customer does in Meta's Embedded Signup popup. */
export function registerBusinessRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.post('/businesses', async (request, reply) => {
    const input = parseInput(createBusinessSchema, request.body);
    try {
      const { business, waba, phoneNumber } = ctx.state.accounts.create({
        name: input.name,
        verifiedName: input.verified_name,
        displayPhoneNumber: input.display_phone_number,
        throughputLevel: input.throughput_level,
        messagingLimitTier: input.messaging_limit_tier,
        qualityRating: input.quality_rating,
        subscribed: input.subscribed,
      });
      const { code } = ctx.state.tokens.issueCode(
        { businessId: business.id, wabaId: waba.id, phoneNumberId: phoneNumber.id },
        ctx.config.codeTtlMs,
      );
      return reply.status(201).send({
        code,
        waba_id: waba.id,
        phone_number_id: phoneNumber.id,
        display_phone_number: phoneNumber.displayPhoneNumber,
        business_id: business.id,
      });
    } catch (err) {
      if (err instanceof DisplayNumberTakenError) throw new ControlError(409, err.message);
      throw err;
    }
  });

  control.get('/businesses', async () => {
    const { accounts } = ctx.state;
    const data = [...accounts.phoneNumbers.values()].map((p) => {
      const waba = accounts.wabas.get(p.wabaId);
      return {
        business_id: p.businessId,
        name: waba?.name ?? '',
        waba_id: p.wabaId,
        phone_number_id: p.id,
        display_phone_number: p.displayPhoneNumber,
        verified_name: p.verifiedName,
        throughput_level: p.throughputLevel,
        registered: p.registered,
        subscribed: waba?.subscription !== null,
      };
    });
    return { data };
  });
}
