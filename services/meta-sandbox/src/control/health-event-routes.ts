import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unixSeconds } from '../clock';
import type { SandboxContext } from '../sandbox-context';
import { MESSAGING_LIMIT_TIERS, QUALITY_RATINGS, type WabaRecord } from '../state/accounts';
import { assertSubscribed, findBusinessNumber } from './business-number';
import { ControlError, parseInput } from './control-error';

const graphId = (name: string) => z.string().regex(/^\d+$/, `${name} must be a numeric id`);
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]{1,160}$/;

const userPreferenceSchema = z
  .strictObject({
    phone_number_id: graphId('phone_number_id'),
    /** The customer, by number, business-scoped user id, or both (a customer with a username may have no number). */
    wa_id: z
      .string()
      .regex(/^\d{6,20}$/, 'wa_id must be 6 to 20 digits')
      .optional(),
    user_id: z.string().regex(BSUID, 'user_id must be a business-scoped user id such as US.1349120865530').optional(),
    value: z.enum(['stop', 'resume']),
    /** The customer's profile name in `contacts[]`. */
    name: z.string().min(1).max(120).default('Sandbox customer'),
    /** When the customer chose, unix seconds (default: now); an older one tests out-of-order delivery. */
    timestamp: z.int().positive().optional(),
  })
  .refine((input) => input.wa_id !== undefined || input.user_id !== undefined, {
    message: 'give wa_id, user_id or both',
  });

const QUALITY_EVENTS = ['FLAGGED', 'UNFLAGGED', 'UPGRADE', 'DOWNGRADE', 'THROUGHPUT_UPGRADE', 'ONBOARDING'] as const;

const qualityEventSchema = z.strictObject({
  event: z.enum(QUALITY_EVENTS),
  /** The messaging limit after the event (UPGRADE and DOWNGRADE need it; default: the number's current one). */
  messaging_limit_tier: z.enum(MESSAGING_LIMIT_TIERS).optional(),
  /** The rating Meta restores with UNFLAGGED (default GREEN); the webhook does not carry it, Graph reads show it. */
  quality_rating: z.enum(QUALITY_RATINGS).optional(),
  /** entry.time in unix seconds (default: now). */
  time: z.int().positive().optional(),
});

const ACCOUNT_EVENTS = [
  'ACCOUNT_RESTRICTION',
  'ACCOUNT_VIOLATION',
  'DISABLED_UPDATE',
  'ACCOUNT_RECONNECTED',
  'ACCOUNT_DELETED',
  'ACCOUNT_OFFBOARDED',
  'PARTNER_APP_UNINSTALLED',
  'PARTNER_REMOVED',
] as const;

const accountUpdateSchema = z
  .strictObject({
    event: z.enum(ACCOUNT_EVENTS),
    restriction_info: z
      .array(
        z.strictObject({
          restriction_type: z.enum([
            'RESTRICTED_BIZ_INITIATED_MESSAGING',
            'RESTRICTED_CUSTOMER_INITIATED_MESSAGING',
            'RESTRICTED_ADD_PHONE_NUMBER_ACTION',
          ]),
          expiration: z.string().min(1).optional(),
        }),
      )
      .optional(),
    violation_info: z.strictObject({ violation_type: z.string().min(1) }).optional(),
    ban_info: z
      .strictObject({
        waba_ban_state: z.enum(['DISABLE', 'REINSTATE', 'SCHEDULE_FOR_DISABLE']),
        waba_ban_date: z.string().min(1).optional(),
      })
      .optional(),
    time: z.int().positive().optional(),
  })
  .refine((input) => input.event !== 'ACCOUNT_RESTRICTION' || input.restriction_info !== undefined, {
    path: ['restriction_info'],
    message: 'ACCOUNT_RESTRICTION needs restriction_info ([] lifts every restriction)',
  })
  .refine((input) => input.event !== 'DISABLED_UPDATE' || input.ban_info !== undefined, {
    path: ['ban_info'],
    message: 'DISABLED_UPDATE needs ban_info',
  });

const templateQualitySchema = z.strictObject({
  new_quality_score: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']),
  time: z.int().positive().optional(),
});

/** Limits as Meta counts them: unique customers per 24 h, -1 unlimited. */
const PORTFOLIO_LIMITS = [250, 2000, 10000, 100000, -1] as const;
const TIER_OF_LIMIT: Record<(typeof PORTFOLIO_LIMITS)[number], (typeof MESSAGING_LIMIT_TIERS)[number]> = {
  250: 'TIER_250',
  2000: 'TIER_2K',
  10000: 'TIER_10K',
  100000: 'TIER_100K',
  [-1]: 'TIER_UNLIMITED',
};

const capabilitySchema = z.strictObject({
  max_daily_conversations_per_business: z.int().refine((v) => (PORTFOLIO_LIMITS as readonly number[]).includes(v), {
    message: `must be one of ${PORTFOLIO_LIMITS.join(', ')}`,
  }),
  max_phone_numbers_per_business: z.int().positive().default(2),
  max_phone_numbers_per_waba: z.int().positive().default(2),
  time: z.int().positive().optional(),
});

function findWaba(ctx: SandboxContext, wabaId: string): WabaRecord {
  const waba = ctx.state.accounts.wabas.get(wabaId);
  if (!waba) {
    throw new ControlError(404, `Unknown waba_id ${wabaId}: create a business first with POST /_sandbox/businesses`);
  }
  return waba;
}

/**
 * Meta's webhooks about customers' marketing preferences and numbers' health, in Meta's exact shapes; the sandbox's
 * own state follows, so Graph reads agree with the webhooks.
 */
export function registerHealthEventRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.post('/user-preferences', async (request) => {
    const input = parseInput(userPreferenceSchema, request.body);
    const { phoneNumber, waba } = findBusinessNumber(ctx, input.phone_number_id);
    assertSubscribed(waba);
    const who = { ...(input.wa_id && { wa_id: input.wa_id }), ...(input.user_id && { user_id: input.user_id }) };
    const detail =
      input.value === 'stop'
        ? 'User requested to stop marketing messages'
        : 'User requested to resume marketing messages';
    const value = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: phoneNumber.displayPhoneNumber, phone_number_id: phoneNumber.id },
      contacts: [{ profile: { name: input.name }, ...who }],
      user_preferences: [
        {
          ...who,
          detail,
          category: 'marketing_messages',
          value: input.value,
          timestamp: input.timestamp ?? unixSeconds(ctx.clock),
        },
      ],
    };
    const delivery = ctx.deliverer.enqueue({ wabaId: waba.id, field: 'user_preferences', value });
    return { delivery_id: delivery.id, value };
  });

  control.post<{ Params: { phone_number_id: string } }>(
    '/phone-numbers/:phone_number_id/quality-events',
    async (request) => {
      const phoneNumberId = parseInput(graphId('phone_number_id'), request.params.phone_number_id, 'phone_number_id');
      const input = parseInput(qualityEventSchema, request.body);
      const { phoneNumber, waba } = findBusinessNumber(ctx, phoneNumberId);
      if ((input.event === 'UPGRADE' || input.event === 'DOWNGRADE') && !input.messaging_limit_tier) {
        throw new ControlError(400, `${input.event} changes the messaging limit: give messaging_limit_tier`);
      }
      if (input.messaging_limit_tier) phoneNumber.messagingLimitTier = input.messaging_limit_tier;
      if (input.event === 'THROUGHPUT_UPGRADE') phoneNumber.throughputLevel = 'HIGH';
      if (input.event === 'FLAGGED') {
        phoneNumber.qualityRating = 'RED';
        phoneNumber.statusOverride = 'FLAGGED';
      }
      if (input.event === 'UNFLAGGED') {
        phoneNumber.qualityRating = input.quality_rating ?? 'GREEN';
        phoneNumber.statusOverride = null;
      }
      // `current_limit` and `old_limit` were removed in February 2026.
      const value = {
        display_phone_number: phoneNumber.displayPhoneNumber,
        event: input.event,
        max_daily_conversations_per_business: phoneNumber.messagingLimitTier,
      };
      const delivery = ctx.deliverer.enqueue({
        wabaId: waba.id,
        field: 'phone_number_quality_update',
        value,
        time: input.time ?? unixSeconds(ctx.clock),
      });
      return { delivery_id: delivery.id, value };
    },
  );

  control.post<{ Params: { waba_id: string } }>('/wabas/:waba_id/account-updates', async (request) => {
    const waba = findWaba(ctx, parseInput(graphId('waba_id'), request.params.waba_id, 'waba_id'));
    const { time, ...input } = parseInput(accountUpdateSchema, request.body);
    const status = numberStatusAfter(input);
    if (status !== undefined) {
      for (const phoneNumber of ctx.state.accounts.phoneNumbers.values()) {
        if (phoneNumber.wabaId === waba.id) phoneNumber.statusOverride = status;
      }
    }
    const value = { ...input, waba_info: { waba_id: waba.id, owner_business_id: waba.businessId } };
    const delivery = ctx.deliverer.enqueue({
      wabaId: waba.id,
      field: 'account_update',
      value,
      time: time ?? unixSeconds(ctx.clock),
    });
    return { delivery_id: delivery.id, value };
  });

  control.post<{ Params: { template_id: string } }>('/templates/:template_id/quality', async (request) => {
    const templateId = parseInput(graphId('template_id'), request.params.template_id, 'template_id');
    const input = parseInput(templateQualitySchema, request.body);
    const template = ctx.state.templates.find(templateId);
    if (!template) {
      throw new ControlError(
        404,
        `Unknown template_id ${templateId}: create one with POST /{version}/{waba-id}/message_templates`,
      );
    }
    const value = {
      previous_quality_score: template.qualityScore,
      new_quality_score: input.new_quality_score,
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language,
    };
    template.qualityScore = input.new_quality_score;
    const delivery = ctx.deliverer.enqueue({
      wabaId: template.wabaId,
      field: 'message_template_quality_update',
      value,
      time: input.time ?? unixSeconds(ctx.clock),
    });
    return { delivery_id: delivery.id, value };
  });

  control.post<{ Params: { waba_id: string } }>('/wabas/:waba_id/capabilities', async (request) => {
    const waba = findWaba(ctx, parseInput(graphId('waba_id'), request.params.waba_id, 'waba_id'));
    const { time, ...input } = parseInput(capabilitySchema, request.body);
    const limit = input.max_daily_conversations_per_business as (typeof PORTFOLIO_LIMITS)[number];
    for (const phoneNumber of ctx.state.accounts.phoneNumbers.values()) {
      if (phoneNumber.wabaId === waba.id) phoneNumber.messagingLimitTier = TIER_OF_LIMIT[limit];
    }
    // `max_daily_conversation_per_phone` was removed in February 2026.
    const delivery = ctx.deliverer.enqueue({
      wabaId: waba.id,
      field: 'business_capability_update',
      value: input,
      time: time ?? unixSeconds(ctx.clock),
    });
    return { delivery_id: delivery.id, value: input };
  });
}

/** The numbers' Graph `status` after an account update; undefined when it does not change it. */
function numberStatusAfter(
  input: Omit<z.infer<typeof accountUpdateSchema>, 'time'>,
): 'RESTRICTED' | 'BANNED' | null | undefined {
  if (input.event === 'ACCOUNT_RESTRICTION') return input.restriction_info?.length ? 'RESTRICTED' : null;
  if (input.event === 'DISABLED_UPDATE') {
    const state = input.ban_info?.waba_ban_state;
    return state === 'DISABLE' ? 'BANNED' : state === 'REINSTATE' ? null : undefined;
  }
  if (input.event === 'ACCOUNT_RECONNECTED') return null;
  return undefined;
}
