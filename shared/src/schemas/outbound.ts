import { z } from 'zod';
import { strictObject } from './fields';

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
  strictObject({
    /** A media id from `POST /media`. */
    id: z
      .string()
      .regex(/^\d{1,30}$/, `${kind}.id must be a media id from POST /media`)
      .optional(),
    /** Or a public https URL that Meta fetches itself. */
    link: z.url({ protocol: /^https$/, error: `${kind}.link must be an https URL` }).optional(),
    ...extra,
  }).refine((m) => Boolean(m.id) !== Boolean(m.link), { message: `${kind} needs exactly one of id or link` });

const caption = z.string().max(1024, 'caption must be at most 1024 characters').optional();

const replyButton = strictObject({
  type: z.literal('reply'),
  reply: strictObject({ id: str('button id', 256), title: str('button title', 20) }),
});

const interactiveHeader = strictObject({ type: z.literal('text'), text: str('header text', 60) });

export const interactiveSchema = z.discriminatedUnion('type', [
  strictObject({
    type: z.literal('button'),
    header: interactiveHeader.optional(),
    body: strictObject({ text: str('body text', 1024) }),
    footer: strictObject({ text: str('footer text', 60) }).optional(),
    action: strictObject({
      buttons: z
        .array(replyButton)
        .min(1, 'Add at least one button')
        .max(3, 'WhatsApp allows at most 3 reply buttons')
        .refine((b) => new Set(b.map((x) => x.reply.title)).size === b.length, 'Button titles must be unique')
        .refine((b) => new Set(b.map((x) => x.reply.id)).size === b.length, 'Button ids must be unique'),
    }),
  }),
  strictObject({
    type: z.literal('list'),
    header: interactiveHeader.optional(),
    body: strictObject({ text: str('body text', 4096) }),
    footer: strictObject({ text: str('footer text', 60) }).optional(),
    action: strictObject({
      button: str('list button', 20),
      sections: z
        .array(
          strictObject({
            title: str('section title', 24).optional(),
            rows: z
              .array(
                strictObject({
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
  // Asks the customer to share their phone number; the reply is a `contacts` message (docs/adr/0113).
  strictObject({
    type: z.literal('request_contact_info'),
    body: strictObject({ text: str('body text', 1024) }),
    action: strictObject({
      name: z.literal('request_contact_info', { error: 'action.name must be request_contact_info' }),
    }),
  }),
]);

/** A media parameter of a template's header: an uploaded media id or a public link, as in a media send. */
const templateMedia = (kind: string, extra: z.ZodRawShape = {}) =>
  strictObject({
    id: z.string().optional(),
    link: z.url({ error: `${kind}.link must be a URL` }).optional(),
    ...extra,
  });

// By `type`, so that a bad parameter is reported on its own fields rather than as "matches no parameter type".
const templateParameter = z.discriminatedUnion(
  'type',
  [
    strictObject({
      type: z.literal('text'),
      text: str('parameter text', 1024),
      parameter_name: z.string().max(60).optional(),
    }),
    strictObject({
      type: z.literal('currency'),
      currency: strictObject({ fallback_value: z.string(), code: z.string().length(3), amount_1000: z.number().int() }),
    }),
    strictObject({ type: z.literal('date_time'), date_time: strictObject({ fallback_value: z.string() }) }),
    strictObject({ type: z.literal('image'), image: templateMedia('image') }),
    strictObject({ type: z.literal('video'), video: templateMedia('video') }),
    strictObject({
      type: z.literal('document'),
      document: templateMedia('document', { filename: z.string().optional() }),
    }),
    strictObject({ type: z.literal('payload'), payload: str('payload', 1000) }),
    strictObject({ type: z.literal('coupon_code'), coupon_code: str('coupon code', 15) }),
  ],
  { error: 'A parameter type is one of: text, currency, date_time, image, video, document, payload, coupon_code' },
);

export const templateMessageSchema = strictObject({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'Template names are lower-case letters, digits and underscores'),
  language: strictObject({
    code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'language.code looks like en or en_US'),
  }),
  components: z
    .array(
      strictObject({
        type: z.enum(['header', 'body', 'button']),
        sub_type: z.enum(['quick_reply', 'url', 'copy_code', 'flow', 'catalog']).optional(),
        index: z.union([z.string(), z.number()]).optional(),
        parameters: z.array(templateParameter),
      }),
    )
    .optional(),
});

/** A contact card as Meta defines it (`ContactObject`), every part optional but the formatted name. */
const contactCard = strictObject({
  name: strictObject({
    formatted_name: str('contact name', 512),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  phones: z
    .array(
      strictObject({ phone: z.string().max(64).optional(), wa_id: z.string().optional(), type: z.string().optional() }),
    )
    .optional(),
  emails: z.array(strictObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  urls: z.array(strictObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  addresses: z
    .array(
      strictObject({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  org: strictObject({
    company: z.string().optional(),
    department: z.string().optional(),
    title: z.string().optional(),
  }).optional(),
  birthday: z.string().optional(),
});

/** Fields every kind of send takes besides its content. */
const sendOptions = {
  /** Quotes an earlier message of the conversation, by Aerostic id (Meta's `context` is built from it). */
  replyToMessageId: z.uuid('replyToMessageId must be a message id').optional(),
};

/** Points a caller who copied Meta's body (`context`, `to`, `messaging_product`) at Aerostic's fields. */
const SEND_HINT =
  "a send takes type, the object named by type and replyToMessageId, which quotes a message in place of Meta's context";

const send = <Shape extends z.ZodRawShape>(shape: Shape) => strictObject({ ...shape, ...sendOptions }, SEND_HINT);

export const sendMessageSchema = z.discriminatedUnion('type', [
  send({
    type: z.literal('text'),
    text: strictObject({ body: str('text.body', 4096), preview_url: z.boolean().optional() }),
  }),
  send({ type: z.literal('image'), image: mediaObject('image', { caption }) }),
  send({ type: z.literal('video'), video: mediaObject('video', { caption }) }),
  send({ type: z.literal('audio'), audio: mediaObject('audio') }),
  send({ type: z.literal('sticker'), sticker: mediaObject('sticker') }),
  send({
    type: z.literal('document'),
    document: mediaObject('document', { caption, filename: z.string().max(240).optional() }),
  }),
  send({
    type: z.literal('location'),
    location: strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().max(1000).optional(),
      address: z.string().max(1000).optional(),
    }),
  }),
  send({
    type: z.literal('contacts'),
    contacts: z.array(contactCard).min(1, 'Add at least one contact').max(257),
  }),
  send({ type: z.literal('interactive'), interactive: interactiveSchema }),
  send({ type: z.literal('template'), template: templateMessageSchema }),
  send({
    type: z.literal('reaction'),
    /** The message reacted to, by Aerostic id; an empty emoji removes the reaction. */
    reaction: strictObject({ messageId: z.uuid('reaction.messageId must be a message id'), emoji: z.string().max(16) }),
  }),
]);
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
