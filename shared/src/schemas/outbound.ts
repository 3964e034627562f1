import { z } from 'zod';

/**
 * What an agent may send (`POST /conversations/:id/messages`), with Meta's limits (../reference §4) checked
 * before anything is queued. References to other messages use Aerostic's message ids, never wamids.
 */

const str = (field: string, max: number, min = 1) =>
  z
    .string({ error: `${field} is required` })
    .min(min, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);

const mediaObject = (kind: string, extra: z.ZodRawShape = {}) =>
  z
    .object({
      /** A media id from `POST /media`. */
      id: z
        .string()
        .regex(/^\d{1,30}$/, `${kind}.id must be a media id from POST /media`)
        .optional(),
      /** Or a public https URL that Meta fetches itself. */
      link: z.url({ protocol: /^https$/, error: `${kind}.link must be an https URL` }).optional(),
      ...extra,
    })
    .refine((m) => Boolean(m.id) !== Boolean(m.link), { message: `${kind} needs exactly one of id or link` });

const caption = z.string().max(1024, 'caption must be at most 1024 characters').optional();

const replyButton = z.object({
  type: z.literal('reply'),
  reply: z.object({ id: str('button id', 256), title: str('button title', 20) }),
});

const interactiveHeader = z.object({ type: z.literal('text'), text: str('header text', 60) });

export const interactiveSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('button'),
    header: interactiveHeader.optional(),
    body: z.object({ text: str('body text', 1024) }),
    footer: z.object({ text: str('footer text', 60) }).optional(),
    action: z.object({
      buttons: z
        .array(replyButton)
        .min(1, 'Add at least one button')
        .max(3, 'WhatsApp allows at most 3 reply buttons')
        .refine((b) => new Set(b.map((x) => x.reply.title)).size === b.length, 'Button titles must be unique')
        .refine((b) => new Set(b.map((x) => x.reply.id)).size === b.length, 'Button ids must be unique'),
    }),
  }),
  z.object({
    type: z.literal('list'),
    header: interactiveHeader.optional(),
    body: z.object({ text: str('body text', 4096) }),
    footer: z.object({ text: str('footer text', 60) }).optional(),
    action: z.object({
      button: str('list button', 20),
      sections: z
        .array(
          z.object({
            title: str('section title', 24).optional(),
            rows: z
              .array(
                z.object({
                  id: str('row id', 200),
                  title: str('row title', 24),
                  description: z.string().max(72).optional(),
                }),
              )
              .min(1, 'A section needs at least one row'),
          }),
        )
        .min(1, 'Add at least one section')
        .max(10, 'WhatsApp allows at most 10 sections')
        .refine(
          (s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10,
          'WhatsApp allows at most 10 rows in all sections',
        )
        .refine((s) => s.length === 1 || s.every((x) => x.title), 'Each section needs a title when there are several'),
    }),
  }),
]);

const templateParameter = z.union([
  z.object({
    type: z.literal('text'),
    text: str('parameter text', 1024),
    parameter_name: z.string().max(60).optional(),
  }),
  z.object({
    type: z.literal('currency'),
    currency: z.object({ fallback_value: z.string(), code: z.string().length(3), amount_1000: z.number().int() }),
  }),
  z.object({ type: z.literal('date_time'), date_time: z.object({ fallback_value: z.string() }) }),
  z.object({ type: z.literal('image'), image: z.object({ id: z.string().optional(), link: z.url().optional() }) }),
  z.object({ type: z.literal('video'), video: z.object({ id: z.string().optional(), link: z.url().optional() }) }),
  z.object({
    type: z.literal('document'),
    document: z.object({ id: z.string().optional(), link: z.url().optional(), filename: z.string().optional() }),
  }),
  z.object({ type: z.literal('payload'), payload: str('payload', 1000) }),
  z.object({ type: z.literal('coupon_code'), coupon_code: str('coupon code', 15) }),
]);

export const templateMessageSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'Template names are lower-case letters, digits and underscores'),
  language: z.object({ code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'language.code looks like en or en_US') }),
  components: z
    .array(
      z.object({
        type: z.enum(['header', 'body', 'button']),
        sub_type: z.enum(['quick_reply', 'url', 'copy_code', 'flow', 'catalog']).optional(),
        index: z.union([z.string(), z.number()]).optional(),
        parameters: z.array(templateParameter),
      }),
    )
    .optional(),
});

export const sendMessageSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: z.object({ body: str('text.body', 4096), preview_url: z.boolean().optional() }),
    }),
    z.object({ type: z.literal('image'), image: mediaObject('image', { caption }) }),
    z.object({ type: z.literal('video'), video: mediaObject('video', { caption }) }),
    z.object({ type: z.literal('audio'), audio: mediaObject('audio') }),
    z.object({ type: z.literal('sticker'), sticker: mediaObject('sticker') }),
    z.object({
      type: z.literal('document'),
      document: mediaObject('document', { caption, filename: z.string().max(240).optional() }),
    }),
    z.object({
      type: z.literal('location'),
      location: z.object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: z.string().max(1000).optional(),
        address: z.string().max(1000).optional(),
      }),
    }),
    z.object({
      type: z.literal('contacts'),
      contacts: z
        .array(
          z.looseObject({
            name: z.looseObject({ formatted_name: str('contact name', 512) }),
            phones: z
              .array(
                z.looseObject({
                  phone: z.string().max(64).optional(),
                  wa_id: z.string().optional(),
                  type: z.string().optional(),
                }),
              )
              .optional(),
          }),
        )
        .min(1, 'Add at least one contact')
        .max(257),
    }),
    z.object({ type: z.literal('interactive'), interactive: interactiveSchema }),
    z.object({ type: z.literal('template'), template: templateMessageSchema }),
    z.object({
      type: z.literal('reaction'),
      /** The message reacted to, by Aerostic id; an empty emoji removes the reaction. */
      reaction: z.object({ messageId: z.uuid('reaction.messageId must be a message id'), emoji: z.string().max(16) }),
    }),
  ])
  .and(z.object({ replyToMessageId: z.uuid('replyToMessageId must be a message id').optional() }));
export type SendMessageInput = z.infer<typeof sendMessageSchema>;
export const SENDABLE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'sticker',
  'document',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
] as const;
