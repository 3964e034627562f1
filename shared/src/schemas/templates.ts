import { z } from 'zod';
import { baseMimeType } from '../constants/messaging';
import { pageQuerySchema, strictObject } from './fields';

/**
 * Message templates as Meta accepts them (`POST /{waba-id}/message_templates`, reference §8): the same
 * rules are checked here first, so a person sees which field is wrong before anything reaches Meta.
 * Components keep Meta's shape (`HEADER`, `BODY`, `FOOTER`, `BUTTONS`, `example.body_text`, …).
 */

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Meta's template statuses; only APPROVED can be sent. */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
  'ARCHIVED',
  'LOCKED',
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
/** The header formats whose example is an uploaded file (`example.header_handle`). */
export const TEMPLATE_MEDIA_HEADER_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
export type TemplateMediaHeaderFormat = (typeof TEMPLATE_MEDIA_HEADER_FORMATS)[number];
/**
 * The sample Meta reviews a media header with, by header format: the file types its Resumable Upload API takes
 * for it and WhatsApp's largest file of that kind.
 */
export const TEMPLATE_HEADER_SAMPLES = {
  IMAGE: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024, label: 'a JPEG or PNG image' },
  VIDEO: { mimeTypes: ['video/mp4'], maxBytes: 16 * 1024 * 1024, label: 'an MP4 video' },
  DOCUMENT: { mimeTypes: ['application/pdf'], maxBytes: 100 * 1024 * 1024, label: 'a PDF document' },
} as const satisfies Record<
  TemplateMediaHeaderFormat,
  { mimeTypes: readonly string[]; maxBytes: number; label: string }
>;

/** The media header a file can be the sample of (`image/png` → IMAGE), or null when no header takes it. */
export function headerSampleFormatOf(mimeType: string): TemplateMediaHeaderFormat | null {
  const base = baseMimeType(mimeType);
  return (
    TEMPLATE_MEDIA_HEADER_FORMATS.find((format) =>
      (TEMPLATE_HEADER_SAMPLES[format].mimeTypes as readonly string[]).includes(base),
    ) ?? null
  );
}

export const TEMPLATE_BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP'] as const;

export const TEMPLATE_LIMITS = {
  nameMaxLength: 512,
  headerTextMaxLength: 60,
  bodyTextMaxLength: 1024,
  footerTextMaxLength: 60,
  buttonsMax: 10,
  buttonTextMaxLength: 25,
  urlMaxLength: 2000,
  phoneNumberMaxLength: 20,
  copyCodeMaxLength: 15,
  urlButtonsMax: 2,
  phoneButtonsMax: 1,
  copyCodeButtonsMax: 1,
  exampleMaxLength: 200,
} as const;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAMED_VARIABLE = /^[a-z][a-z0-9_]*$/;

/** The variables of a text in order of first appearance, without repeats: `Hi {{1}}, {{2}}` → ["1", "2"]. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1] ?? ''))];
}

/** The text with each `{{name}}` replaced by its value (left as written when there is none): for previews. */
export function fillTemplateText(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === '' ? whole : value;
  });
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

const exampleValue = z
  .string({ error: 'An example must be text' })
  .trim()
  .min(1, 'Give an example value for every variable')
  .max(TEMPLATE_LIMITS.exampleMaxLength, `An example must be at most ${TEMPLATE_LIMITS.exampleMaxLength} characters`);
const namedExamples = z.array(
  strictObject({
    param_name: z.string({ error: 'param_name is required' }).regex(NAMED_VARIABLE, 'param_name looks like first_name'),
    example: exampleValue,
  }),
  { error: 'Named examples are a list of { param_name, example }' },
);

const headerSchema = strictObject({
  type: z.literal('HEADER'),
  format: z.enum(TEMPLATE_HEADER_FORMATS, {
    error: `The header format must be one of: ${TEMPLATE_HEADER_FORMATS.join(', ')}`,
  }),
  text: text('Header text', TEMPLATE_LIMITS.headerTextMaxLength).optional(),
  example: strictObject({
    header_text: z.array(exampleValue).optional(),
    header_text_named_params: namedExamples.optional(),
    /** A media upload handle (`4::…`) from Meta's resumable upload, for IMAGE, VIDEO and DOCUMENT headers. */
    header_handle: z.array(z.string().min(1, 'A header handle is required')).optional(),
  }).optional(),
});

const bodySchema = strictObject({
  type: z.literal('BODY'),
  text: text('Body text', TEMPLATE_LIMITS.bodyTextMaxLength).optional(),
  example: strictObject({
    body_text: z.array(z.array(exampleValue)).optional(),
    body_text_named_params: namedExamples.optional(),
  }).optional(),
  /** Authentication templates: Meta adds "For your security, do not share this code." */
  add_security_recommendation: z.boolean().optional(),
});

const footerSchema = strictObject({
  type: z.literal('FOOTER'),
  text: text('Footer text', TEMPLATE_LIMITS.footerTextMaxLength).optional(),
  /** Authentication templates: "This code expires in N minutes." */
  code_expiration_minutes: z
    .number()
    .int()
    .min(1, 'The code expiry is 1 to 90 minutes')
    .max(90, 'The code expiry is 1 to 90 minutes')
    .optional(),
});

const buttonText = text('Button text', TEMPLATE_LIMITS.buttonTextMaxLength);

const buttonSchema = z.discriminatedUnion(
  'type',
  [
    strictObject({ type: z.literal('QUICK_REPLY'), text: buttonText }),
    strictObject({
      type: z.literal('URL'),
      text: buttonText,
      url: text('The URL', TEMPLATE_LIMITS.urlMaxLength),
      /** The example value of `{{1}}` when the URL ends with it. */
      example: z.array(exampleValue).optional(),
    }),
    strictObject({
      type: z.literal('PHONE_NUMBER'),
      text: buttonText,
      phone_number: z
        .string({ error: 'The phone number is required' })
        .trim()
        .regex(/^\+?\d{6,20}$/, 'The phone number must be digits with its country code, e.g. +15550100001'),
    }),
    strictObject({
      type: z.literal('COPY_CODE'),
      example: text('The example code', TEMPLATE_LIMITS.copyCodeMaxLength),
    }),
    strictObject({
      type: z.literal('OTP'),
      otp_type: z.enum(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'], {
        error: 'otp_type must be COPY_CODE, ONE_TAP or ZERO_TAP',
      }),
      text: buttonText.optional(),
    }),
  ],
  { error: `The button type must be one of: ${TEMPLATE_BUTTON_TYPES.join(', ')}` },
);
export type TemplateButton = z.infer<typeof buttonSchema>;

const buttonsSchema = strictObject({
  type: z.literal('BUTTONS'),
  buttons: z
    .array(buttonSchema, { error: 'buttons must be a list' })
    .min(1, 'Add at least one button, or remove the buttons')
    .max(TEMPLATE_LIMITS.buttonsMax, `A template has at most ${TEMPLATE_LIMITS.buttonsMax} buttons`),
});

export const templateComponentSchema = z.discriminatedUnion(
  'type',
  [headerSchema, bodySchema, footerSchema, buttonsSchema],
  {
    error: 'The component type must be HEADER, BODY, FOOTER or BUTTONS',
  },
);
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

type Issue = { message: string; path: (string | number)[] };

/** Checks a text's variables: form, order, and the examples Meta requires for each. */
function variableIssues(
  value: string,
  at: (string | number)[],
  format: 'POSITIONAL' | 'NAMED',
  examples: { positional: string[] | undefined; named: { param_name: string }[] | undefined },
  examplePath: (string | number)[],
  where: string,
): Issue[] {
  const names = templateVariables(value);
  if (names.length === 0) return [];
  if (format === 'POSITIONAL') {
    if (names.some((n) => !/^\d+$/.test(n))) {
      return [{ message: `Variables in the ${where} are numbered: {{1}}, {{2}}, …`, path: at }];
    }
    const sorted = names.map(Number).sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1)) {
      return [{ message: `Variables in the ${where} must be numbered {{1}}, {{2}}, … without gaps`, path: at }];
    }
    if (!examples.positional || examples.positional.length !== names.length) {
      const n = names.length;
      return [
        {
          message: `The ${where} has ${n} variable${n === 1 ? '' : 's'}: give ${n} example value${n === 1 ? '' : 's'}`,
          path: examplePath,
        },
      ];
    }
    return [];
  }
  const bad = names.find((n) => !NAMED_VARIABLE.test(n));
  if (bad !== undefined) {
    return [
      {
        message: `"{{${bad}}}" is not a variable name: use lower-case letters, digits and _, e.g. {{first_name}}`,
        path: at,
      },
    ];
  }
  const given = new Set((examples.named ?? []).map((e) => e.param_name));
  const missing = names.filter((n) => !given.has(n));
  if (missing.length > 0) {
    return [{ message: `Give an example for ${missing.map((n) => `{{${n}}}`).join(', ')}`, path: examplePath }];
  }
  return [];
}

function componentIssues(input: {
  category: TemplateCategory;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
}): Issue[] {
  const issues: Issue[] = [];
  const { category, parameterFormat: format } = input;
  const seen = new Map<string, number>();
  input.components.forEach((component, i) => {
    if (seen.has(component.type)) {
      issues.push({
        message: `A template has at most one ${component.type} component`,
        path: ['components', i, 'type'],
      });
    }
    seen.set(component.type, i);
  });
  if (!seen.has('BODY')) issues.push({ message: 'A template needs a BODY component', path: ['components'] });

  input.components.forEach((component, i) => {
    const at = (...rest: (string | number)[]) => ['components', i, ...rest];
    switch (component.type) {
      case 'HEADER': {
        if (category === 'AUTHENTICATION') {
          issues.push({ message: 'Authentication templates have no header', path: at('type') });
          break;
        }
        if (component.format === 'TEXT') {
          if (component.text === undefined) {
            issues.push({ message: 'Header text is required', path: at('text') });
            break;
          }
          if (templateVariables(component.text).length > 1) {
            issues.push({ message: 'A header has at most one variable', path: at('text') });
            break;
          }
          issues.push(
            ...variableIssues(
              component.text,
              at('text'),
              format,
              { positional: component.example?.header_text, named: component.example?.header_text_named_params },
              at('example', format === 'NAMED' ? 'header_text_named_params' : 'header_text'),
              'header',
            ),
          );
        } else if (component.format !== 'LOCATION' && !component.example?.header_handle?.length) {
          issues.push({
            message: `An ${component.format.toLowerCase()} header needs an example: upload a sample and give its handle`,
            path: at('example', 'header_handle'),
          });
        }
        break;
      }
      case 'BODY': {
        if (category === 'AUTHENTICATION') {
          if (component.text !== undefined) {
            issues.push({
              message: 'WhatsApp writes the text of authentication templates: leave it out',
              path: at('text'),
            });
          }
          break;
        }
        if (component.text === undefined) {
          issues.push({ message: 'Body text is required', path: at('text') });
          break;
        }
        const body = component.text;
        if (
          templateVariables(body).length > 0 &&
          (/^\s*\{\{[^{}]*\}\}/.test(body) || /\{\{[^{}]*\}\}\s*$/.test(body))
        ) {
          issues.push({
            message: 'The body cannot start or end with a variable: add some words around it',
            path: at('text'),
          });
          break;
        }
        issues.push(
          ...variableIssues(
            body,
            at('text'),
            format,
            { positional: component.example?.body_text?.[0], named: component.example?.body_text_named_params },
            at('example', format === 'NAMED' ? 'body_text_named_params' : 'body_text'),
            'body',
          ),
        );
        break;
      }
      case 'FOOTER': {
        if (category === 'AUTHENTICATION') break;
        if (component.text === undefined) issues.push({ message: 'Footer text is required', path: at('text') });
        else if (templateVariables(component.text).length > 0) {
          issues.push({ message: 'A footer cannot have variables', path: at('text') });
        }
        break;
      }
      case 'BUTTONS': {
        const count = (type: string) => component.buttons.filter((b) => b.type === type).length;
        if (count('URL') > TEMPLATE_LIMITS.urlButtonsMax) {
          issues.push({
            message: `A template has at most ${TEMPLATE_LIMITS.urlButtonsMax} URL buttons`,
            path: at('buttons'),
          });
        }
        if (count('PHONE_NUMBER') > TEMPLATE_LIMITS.phoneButtonsMax) {
          issues.push({ message: 'A template has at most one phone number button', path: at('buttons') });
        }
        if (count('COPY_CODE') > TEMPLATE_LIMITS.copyCodeButtonsMax) {
          issues.push({ message: 'A template has at most one copy-code button', path: at('buttons') });
        }
        if (category === 'AUTHENTICATION' && (component.buttons.length !== 1 || count('OTP') !== 1)) {
          issues.push({ message: 'An authentication template has exactly one OTP button', path: at('buttons') });
        }
        component.buttons.forEach((button, j) => {
          if (button.type === 'OTP' && category !== 'AUTHENTICATION') {
            issues.push({
              message: 'OTP buttons are only for authentication templates',
              path: at('buttons', j, 'type'),
            });
          }
          if (button.type !== 'URL') return;
          const variables = templateVariables(button.url);
          if (variables.length > 1 || (variables.length === 1 && !/\{\{1\}\}$/.test(button.url))) {
            issues.push({
              message: 'A URL may have one variable, {{1}}, at its very end',
              path: at('buttons', j, 'url'),
            });
          } else if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(button.url.replace(VARIABLE, 'x'))) {
            issues.push({ message: 'Enter a full URL starting with https://', path: at('buttons', j, 'url') });
          } else if (variables.length === 1 && !button.example?.[0]) {
            issues.push({
              message: 'Give an example value for the {{1}} at the end of the URL',
              path: at('buttons', j, 'example'),
            });
          }
        });
        break;
      }
    }
  });
  if (category === 'AUTHENTICATION' && !seen.has('BUTTONS')) {
    issues.push({ message: 'An authentication template needs an OTP button', path: ['components'] });
  }
  return issues;
}

const uuid = (label: string) => z.uuid({ error: `${label} must be an id from GET /whatsapp/accounts` });

/** `POST /templates`: submitted to Meta for review through the WhatsApp number's business account. */
export const createTemplateSchema = strictObject({
  /** The connected number whose WhatsApp Business Account gets the template. */
  whatsappAccountId: uuid('whatsappAccountId'),
  name: z
    .string({ error: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(TEMPLATE_LIMITS.nameMaxLength, `Name must be at most ${TEMPLATE_LIMITS.nameMaxLength} characters`)
    .regex(/^[a-z0-9_]+$/, 'Name may only use lower-case letters, digits and underscores, e.g. order_update'),
  language: z
    .string({ error: 'Language is required' })
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Language is a code such as en, en_US or pt_BR'),
  category: z.enum(TEMPLATE_CATEGORIES, {
    error: `Category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}`,
  }),
  parameterFormat: z
    .enum(['POSITIONAL', 'NAMED'], { error: 'parameterFormat must be POSITIONAL or NAMED' })
    .default('POSITIONAL'),
  components: z
    .array(templateComponentSchema, { error: 'components must be a list' })
    .min(1, 'A template needs at least a BODY component')
    .max(4, 'A template has at most 4 components: HEADER, BODY, FOOTER and BUTTONS'),
}).superRefine(
  (input, ctx) => {
    for (const issue of componentIssues(input)) ctx.addIssue({ code: 'custom', ...issue });
  },
  // Reported with the other fields' problems, once the components themselves have the right shape.
  {
    when: (payload) =>
      payload.issues.every((issue) => issue.path?.[0] !== 'components' && issue.path?.[0] !== 'parameterFormat'),
  },
);
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

const optionalFilter = <T extends z.ZodType<string | undefined>>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema);

export const listTemplatesQuerySchema = pageQuerySchema.extend({
  whatsappAccountId: optionalFilter(uuid('whatsappAccountId').optional()),
  wabaId: optionalFilter(
    z
      .string()
      .regex(/^\d{1,30}$/, 'wabaId must be the numeric id Meta gave')
      .optional(),
  ),
  status: optionalFilter(
    z.enum(TEMPLATE_STATUSES, { error: `status must be one of: ${TEMPLATE_STATUSES.join(', ')}` }).optional(),
  ),
  /** Part of the name, in any case. */
  search: optionalFilter(z.string().trim().max(100, 'search must be at most 100 characters').optional()),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuerySchema>;

/** The text fields of the `POST /templates/header-samples` multipart form; the file travels in the `file` field. */
export const uploadHeaderSampleSchema = strictObject({
  /** The connected number whose token uploads the sample (its business account gets the template). */
  whatsappAccountId: uuid('whatsappAccountId'),
  /** The header the sample is for: when given, a file of another kind is refused. */
  format: optionalFilter(
    z
      .enum(TEMPLATE_MEDIA_HEADER_FORMATS, {
        error: `format must be one of: ${TEMPLATE_MEDIA_HEADER_FORMATS.join(', ')}`,
      })
      .optional(),
  ),
});
export type UploadHeaderSampleInput = z.infer<typeof uploadHeaderSampleSchema>;

/** `POST /templates/sync`: one number's business account, or every connected one when left out. */
export const syncTemplatesSchema = z.preprocess(
  // A POST without a body syncs everything.
  (body) => body ?? {},
  strictObject({ whatsappAccountId: uuid('whatsappAccountId').optional() }),
);
export type SyncTemplatesInput = z.infer<typeof syncTemplatesSchema>;
