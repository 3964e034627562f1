import { BSUID_PATTERN } from '@aerostic/shared';
import { z } from 'zod';
import { graphErrors } from './graph-error';

/** Limits from reference §4 (Meta's text, reply-button and list pages). */
const text = (max: number) => z.string().min(1).max(max);

const mediaObject = z
  .looseObject({
    id: z.string().min(1).optional(),
    link: z.url().optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .refine((m) => m.id !== undefined || m.link !== undefined, { message: 'needs id or link' });

const replyButtons = z
  .array(z.looseObject({ type: z.literal('reply'), reply: z.looseObject({ id: text(256), title: text(20) }) }))
  .min(1)
  .max(3)
  .refine((buttons) => new Set(buttons.map((b) => b.reply.title)).size === buttons.length, {
    message: 'button titles must be unique',
  });

const listSections = z
  .array(
    z.looseObject({
      title: z.string().max(24).optional(),
      rows: z
        .array(z.looseObject({ id: text(200), title: text(24), description: z.string().max(72).optional() }))
        .min(1),
    }),
  )
  .min(1)
  .max(10)
  .refine((sections) => sections.reduce((n, s) => n + s.rows.length, 0) <= 10, {
    message: 'at most 10 rows in total',
  });

const footer = z.looseObject({ text: text(60) }).optional();

const interactiveSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('button'),
    body: z.looseObject({ text: text(1024) }),
    footer,
    action: z.looseObject({ buttons: replyButtons }),
  }),
  z.looseObject({
    type: z.literal('list'),
    header: z.looseObject({ type: z.literal('text'), text: text(60) }).optional(),
    body: z.looseObject({ text: text(4096) }),
    footer,
    action: z.looseObject({ button: text(20), sections: listSections }),
  }),
  // Asks the customer to share their phone number (a username hides it); the answer is a contacts message.
  z.looseObject({
    type: z.literal('request_contact_info'),
    body: z.looseObject({ text: text(1024) }),
    action: z.looseObject({ name: z.literal('request_contact_info') }),
  }),
  z.looseObject({
    type: z.enum(['cta_url', 'flow', 'product', 'product_list', 'catalog_message', 'location_request_message']),
    action: z.looseObject({}),
  }),
]);

const templateSchema = z.looseObject({
  name: z.string().min(1).max(512),
  language: z.looseObject({ code: z.string().min(2) }),
  components: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
});

const base = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  // Meta accepts +, spaces, dashes and parentheses around the digits.
  to: z
    .string()
    .regex(/^\+?[\d\s\-()]{5,30}$/, 'must be a phone number')
    .optional(),
  /** Instead of `to`: the customer's business-scoped user id (a customer who hides their number). */
  recipient: z.string().regex(BSUID_PATTERN, 'must be a business-scoped user id').optional(),
  context: z.looseObject({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
};

export const SEND_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'reaction',
  'location',
  'contacts',
  'interactive',
  'template',
] as const;

const sendSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...base, type: z.literal('text'), text: z.looseObject({ body: text(4096) }) }),
  z.looseObject({ ...base, type: z.literal('image'), image: mediaObject }),
  z.looseObject({ ...base, type: z.literal('video'), video: mediaObject }),
  z.looseObject({ ...base, type: z.literal('audio'), audio: mediaObject }),
  z.looseObject({ ...base, type: z.literal('document'), document: mediaObject }),
  z.looseObject({ ...base, type: z.literal('sticker'), sticker: mediaObject }),
  z.looseObject({
    ...base,
    type: z.literal('reaction'),
    reaction: z.looseObject({ message_id: z.string().min(1), emoji: z.string() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal('location'),
    location: z.looseObject({ latitude: z.coerce.number(), longitude: z.coerce.number() }),
  }),
  z.looseObject({ ...base, type: z.literal('contacts'), contacts: z.array(z.looseObject({})).min(1) }),
  z.looseObject({ ...base, type: z.literal('interactive'), interactive: interactiveSchema }),
  z.looseObject({ ...base, type: z.literal('template'), template: templateSchema }),
]);

export type SendRequest = z.infer<typeof sendSchema>;

const markReadSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.looseObject({ type: z.literal('text') }).optional(),
});

export type ParsedSend =
  { kind: 'read'; messageId: string; typingIndicator: string | null } | { kind: 'send'; request: SendRequest };

/** `a.b[0].c` as Meta names parameters in its details. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`),
    '',
  );
}

/** Validates like Meta: the first problem becomes 400 `(#100) Invalid parameter` naming the field in details. */
export function parseSendBody(body: unknown): ParsedSend {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (input.status !== undefined) {
    const read = markReadSchema.safeParse(input);
    if (!read.success) throw invalid(read.error);
    return {
      kind: 'read',
      messageId: read.data.message_id,
      typingIndicator: read.data.typing_indicator?.type ?? null,
    };
  }
  // Meta sends text when type is left out.
  const result = sendSchema.safeParse({ type: 'text', ...input });
  if (!result.success) throw invalid(result.error);
  if (result.data.to === undefined && result.data.recipient === undefined) throw graphErrors.missingParameter('to');
  return { kind: 'send', request: result.data };
}

function invalid(error: z.ZodError) {
  const issue = error.issues[0];
  if (!issue) return graphErrors.invalidParameter('Invalid parameter');
  const field = fieldPath(issue.path) || 'body';
  if (issue.code === 'invalid_type' && issue.input === undefined) return graphErrors.missingParameter(field);
  return graphErrors.invalidParameter(`Parameter ${field} is invalid: ${issue.message}`);
}
