import { z } from 'zod';

/**
 * Meta's webhooks about a customer's marketing preferences, a number's and account's health, a template's quality
 * and a portfolio's capabilities (developers.facebook.com …/whatsapp/webhooks/reference/<field>), and the pricing a
 * message status carries. Parsed leniently like the messages webhook: unknown keys are kept.
 */

const unixSeconds = z.union([z.string(), z.number()]).transform((v) => Number(v));
const idString = z.union([z.number(), z.string()]).transform((v) => String(v));

/** `user_preferences[]`: a customer stopped (`stop`) or resumed (`resume`) the business's marketing messages. */
export const userPreferenceSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  detail: z.string().optional(),
  category: z.string(),
  value: z.string(),
  timestamp: unixSeconds,
});
export type UserPreference = z.infer<typeof userPreferenceSchema>;

/** Field `user_preferences`: routed like messages, by `metadata.phone_number_id`. */
export const userPreferencesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        user_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  user_preferences: z.array(userPreferenceSchema),
});
export type UserPreferencesValue = z.infer<typeof userPreferencesValueSchema>;

/** The category of marketing opt-outs; other categories are not consent to marketing and are ignored. */
export const MARKETING_PREFERENCE_CATEGORY = 'marketing_messages';

/**
 * Field `account_update` (entry.time is when Meta made the change). Besides partner events it reports restrictions
 * (`restriction_info`), policy violations (`violation_info`) and bans (`ban_info`) of the WABA.
 */
export const accountStatusValueSchema = z.looseObject({
  event: z.string(),
  waba_info: z.looseObject({ waba_id: z.string().optional() }).optional(),
  phone_number: z.string().optional(),
  violation_info: z.looseObject({ violation_type: z.string().optional() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.string().optional() }))
    .optional(),
  ban_info: z.looseObject({ waba_ban_state: z.string().optional(), waba_ban_date: z.string().optional() }).optional(),
});
export type AccountStatusValue = z.infer<typeof accountStatusValueSchema>;

/** Field `message_template_quality_update`: GREEN, YELLOW, RED or UNKNOWN. */
export const templateQualityValueSchema = z.looseObject({
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string(),
  message_template_id: idString,
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
});
export type TemplateQualityValue = z.infer<typeof templateQualityValueSchema>;

/**
 * Field `business_capability_update` (entry.id is the WABA): the portfolio's messaging limit as a number of unique
 * customers per 24 h (-1 unlimited); `max_daily_conversation_per_phone` is its name before February 2026.
 */
export const businessCapabilityValueSchema = z.looseObject({
  max_daily_conversations_per_business: z.union([z.number(), z.string()]).optional(),
  max_daily_conversation_per_phone: z.union([z.number(), z.string()]).optional(),
  max_phone_numbers_per_business: z.union([z.number(), z.string()]).optional(),
  max_phone_numbers_per_waba: z.union([z.number(), z.string()]).optional(),
});
export type BusinessCapabilityValue = z.infer<typeof businessCapabilityValueSchema>;

/** The messaging limit tier of a portfolio limit in customers per 24 h, as `whatsapp_business_manager_messaging_limit`. */
export function messagingLimitTierOf(limit: number | string): string | null {
  const value = Number(limit);
  if (!Number.isInteger(value)) return null;
  if (value < 0) return 'TIER_UNLIMITED';
  const tiers: Record<number, string> = {
    50: 'TIER_50',
    250: 'TIER_250',
    1000: 'TIER_1K',
    2000: 'TIER_2K',
    10000: 'TIER_10K',
    100000: 'TIER_100K',
  };
  return tiers[value] ?? null;
}

/** `statuses[].pricing`, with `sent` and one of delivered/read (`billable` is being deprecated by Meta). */
export const statusPricingSchema = z.looseObject({
  billable: z.boolean().optional(),
  pricing_model: z.string().optional(),
  category: z.string().optional(),
  type: z.string().optional(),
});
export type StatusPricing = z.infer<typeof statusPricingSchema>;
