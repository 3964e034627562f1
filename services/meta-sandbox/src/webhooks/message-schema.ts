import { BSUID_PATTERN, DELIVERY_STATUSES } from '@aerostic/shared';
import { z } from 'zod';

/** What a customer's phone can send, in the shapes of Meta's webhook catalogue (reference §3). */

const digits = (name: string) => z.string().regex(/^\d{6,20}$/, `${name} must be 6 to 20 digits`);
const graphId = (name: string) => z.string().regex(/^\d{1,30}$/, `${name} must be a numeric id`);
const unixTimestamp = z.union([z.int().positive(), z.string().regex(/^\d+$/, 'must be unix seconds')]);

export const metaErrorInputSchema = z.strictObject({
  code: z.int(),
  title: z.string().min(1),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string() }).optional(),
  href: z.string().optional(),
});
export type MetaErrorInput = z.infer<typeof metaErrorInputSchema>;

const media = {
  /** An existing media id; without one the sandbox stores sample (or data_base64) bytes and uses their id. */
  id: graphId('id').optional(),
  mime_type: z.string().min(1).optional(),
  sha256: z.string().min(1).optional(),
  /** Custom bytes for the media object, base64-encoded. */
  data_base64: z.base64('data_base64 must be base64').min(1).optional(),
};
const caption = z.string().max(1024).optional();

const mediaSchemas = {
  image: z.strictObject({ ...media, caption }),
  video: z.strictObject({ ...media, caption }),
  audio: z.strictObject({ ...media, voice: z.boolean().optional() }),
  document: z.strictObject({ ...media, caption, filename: z.string().min(1).max(240).optional() }),
  sticker: z.strictObject({ ...media, animated: z.boolean().optional() }),
};
export type MediaInput = z.infer<(typeof mediaSchemas)[keyof typeof mediaSchemas]>;

const common = {
  phone_number_id: graphId('phone_number_id'),
  /** The customer's WhatsApp profile name (contacts[0].profile.name). */
  profile_name: z.string().max(256).optional(),
  context: z
    .strictObject({
      id: z.string().min(1).optional(),
      /** Defaults to the business number when `id` (the quoted message) is given. */
      from: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z.strictObject({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
    })
    .optional(),
  referral: z
    .looseObject({ source_url: z.string(), source_id: z.string(), source_type: z.enum(['ad', 'post']) })
    .optional(),
  errors: z.array(metaErrorInputSchema).min(1).optional(),
  /** Override the message's unix-seconds timestamp (default: now). */
  timestamp: unixTimestamp.optional(),
  /** Override the wamid (default: a new unique one), e.g. to replay the same message. */
  id: z
    .string()
    .regex(/^wamid\./, 'id must start with wamid.')
    .optional(),
};

const choice = { id: z.string().min(1).max(256), title: z.string().min(1).max(24) };

export const customerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('text'), text: z.strictObject({ body: z.string().min(1).max(4096) }) }),
  z.strictObject({ ...common, type: z.literal('image'), image: mediaSchemas.image.default({}) }),
  z.strictObject({ ...common, type: z.literal('video'), video: mediaSchemas.video.default({}) }),
  z.strictObject({ ...common, type: z.literal('audio'), audio: mediaSchemas.audio.default({}) }),
  z.strictObject({ ...common, type: z.literal('document'), document: mediaSchemas.document.default({}) }),
  z.strictObject({ ...common, type: z.literal('sticker'), sticker: mediaSchemas.sticker.default({}) }),
  z.strictObject({
    ...common,
    type: z.literal('location'),
    location: z.strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('contacts'),
    contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().min(1) }) })).min(1),
  }),
  z.strictObject({
    ...common,
    type: z.literal('interactive'),
    interactive: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('button_reply'), button_reply: z.strictObject(choice) }),
      z.strictObject({
        type: z.literal('list_reply'),
        list_reply: z.strictObject({ ...choice, description: z.string().max(72).optional() }),
      }),
      z.strictObject({
        type: z.literal('nfm_reply'),
        nfm_reply: z.looseObject({
          response_json: z.string(),
          body: z.string().optional(),
          name: z.string().optional(),
        }),
      }),
    ]),
  }),
  z.strictObject({
    ...common,
    type: z.literal('button'),
    button: z.strictObject({ payload: z.string(), text: z.string() }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('reaction'),
    // An empty or absent emoji removes the reaction.
    reaction: z.strictObject({ message_id: z.string().min(1), emoji: z.string().optional() }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('system'),
    system: z.looseObject({
      type: z.string().min(1),
      body: z.string().optional(),
      /** user_changed_number: the customer's new number. */
      wa_id: digits('system.wa_id').optional(),
    }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('order'),
    order: z.looseObject({
      catalog_id: z.string(),
      text: z.string().optional(),
      product_items: z.array(z.looseObject({ product_retailer_id: z.string() })).min(1),
    }),
  }),
  z.strictObject({
    ...common,
    type: z.enum(['unsupported', 'unknown']),
    /** Newer payloads name what it was, e.g. { "type": "poll" }. */
    unsupported: z.looseObject({ type: z.string() }).optional(),
  }),
]);
export type CustomerMessageInput = z.infer<typeof customerMessageSchema>;
export type CustomerMessageType = CustomerMessageInput['type'];

export const customerWaIdSchema = digits('wa_id');

export const statusInputSchema = z
  .strictObject({
    phone_number_id: graphId('phone_number_id'),
    /** Any wamid: the sandbox does not check that it sent it. */
    wamid: z.string().min(1),
    status: z.enum(DELIVERY_STATUSES),
    /** The customer's number; left out for a customer who hides it behind a username. */
    recipient_id: digits('recipient_id').optional(),
    recipient_user_id: z
      .string()
      .regex(BSUID_PATTERN, 'recipient_user_id must be a business-scoped user id')
      .optional(),
    timestamp: unixTimestamp.optional(),
    /** For failed (default: 131026 Message undeliverable). */
    errors: z.array(metaErrorInputSchema).min(1).optional(),
    /** Replaces the default pricing of sent and delivered; null leaves it out. */
    pricing: z.looseObject({}).nullable().optional(),
    /** Meta sends it up to v23.0 (and in free entry point windows); absent unless given. */
    conversation: z.looseObject({ id: z.string() }).optional(),
    biz_opaque_callback_data: z.string().max(512).optional(),
  })
  .refine((s) => s.recipient_id !== undefined || s.recipient_user_id !== undefined, {
    message: 'give recipient_id, recipient_user_id or both',
    path: ['recipient_id'],
  });
export type StatusInput = z.infer<typeof statusInputSchema>;
