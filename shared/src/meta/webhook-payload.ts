import { z } from 'zod';

/**
 * Meta's WhatsApp webhook envelope (field `messages` and the account-level fields), parsed leniently:
 * unknown keys are kept (`looseObject`) so that nothing in a payload is silently dropped, and only what
 * routing needs is required. Timestamps inside messages and statuses are unix-second strings.
 */

const unixSeconds = z.union([z.string(), z.number()]).transform((v) => Number(v));

export const metaErrorSchema = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type MetaError = z.infer<typeof metaErrorSchema>;

/** A sender as `contacts[]` names them: phone number (`wa_id`), business-scoped user id, or both (docs/adr/0113). */
export const webhookContactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
export type WebhookContact = z.infer<typeof webhookContactSchema>;

const mediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
  url: z.string().optional(),
});
export type WebhookMedia = z.infer<typeof mediaSchema>;

export const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const webhookMessageSchema = z
  .looseObject({
    /** The sender's phone number; absent for a customer known only by user id (a username). */
    from: z.string().optional(),
    /** The sender's business-scoped user id. */
    from_user_id: z.string().optional(),
    id: z.string(),
    timestamp: unixSeconds,
    type: z.string(),
    context: z
      .looseObject({
        from: z.string().optional(),
        id: z.string().optional(),
        forwarded: z.boolean().optional(),
        frequently_forwarded: z.boolean().optional(),
      })
      .optional(),
    referral: z.looseObject({}).optional(),
    text: z.looseObject({ body: z.string() }).optional(),
    image: mediaSchema.optional(),
    audio: mediaSchema.optional(),
    video: mediaSchema.optional(),
    document: mediaSchema.optional(),
    sticker: mediaSchema.optional(),
    location: z.looseObject({}).optional(),
    contacts: z.array(z.looseObject({})).optional(),
    interactive: z.looseObject({ type: z.string() }).optional(),
    button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
    reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
    system: z.looseObject({ type: z.string().optional() }).optional(),
    errors: z.array(metaErrorSchema).optional(),
  })
  .refine((m) => m.from !== undefined || m.from_user_id !== undefined, {
    message: 'A message names its sender by from (phone number) or from_user_id (user id); it has neither',
    path: ['from'],
  });
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

export const webhookStatusSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  /** The recipient's business-scoped user id; the only recipient field for a customer known only by it. */
  recipient_user_id: z.string().optional(),
  errors: z.array(metaErrorSchema).optional(),
  conversation: z.looseObject({}).optional(),
  pricing: z.looseObject({}).optional(),
  biz_opaque_callback_data: z.string().optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

export const webhookMetadataSchema = z.looseObject({
  display_phone_number: z.string().optional(),
  phone_number_id: z.string(),
});

export const messagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: webhookMetadataSchema,
  contacts: z.array(webhookContactSchema).optional(),
  messages: z.array(webhookMessageSchema).optional(),
  statuses: z.array(webhookStatusSchema).optional(),
  errors: z.array(metaErrorSchema).optional(),
});
export type MessagesValue = z.infer<typeof messagesValueSchema>;

export const templateStatusValueSchema = z.looseObject({
  event: z.string(),
  message_template_id: z.union([z.number(), z.string()]).transform((v) => String(v)),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
});

export const phoneQualityValueSchema = z.looseObject({
  display_phone_number: z.string(),
  event: z.string(),
  current_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
});

export const accountUpdateValueSchema = z.looseObject({
  event: z.string(),
  waba_info: z.looseObject({ waba_id: z.string().optional() }).optional(),
  phone_number: z.string().optional(),
});

export const webhookChangeSchema = z.looseObject({
  field: z.string(),
  value: z.looseObject({}),
});

export const webhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      time: z.number().optional(),
      changes: z.array(webhookChangeSchema),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
