import { z } from 'zod';
import { MARKETING_CONSENTS } from '../types/consent';
import { pageQuerySchema, strictObject } from './fields';

export const CONTACT_LIMITS = {
  nameMaxLength: 120,
  tagsMax: 50,
  tagMaxLength: 50,
  attributesMax: 50,
  attributeKeyMaxLength: 50,
  attributeValueMaxLength: 1000,
} as const;

/**
 * Columns of the contacts CSV, in export order; any other column is a custom attribute. `wa_id` may replace `phone`;
 * files of older exports may carry `opted_out` (yes/no), read as `marketing_consent` opted_out when yes.
 */
export const CONTACT_CSV_COLUMNS = [
  'phone',
  'name',
  'profile_name',
  'tags',
  'marketing_consent',
  'created_at',
] as const;
const RESERVED_CSV_COLUMNS: ReadonlySet<string> = new Set([...CONTACT_CSV_COLUMNS, 'wa_id', 'opted_out']);

/**
 * Attribute names and CSV headers are compared in one form: trimmed, lower-case, spaces and hyphens as `_`
 * ("Opted Out" is `opted_out`, "Shoe size" is `shoe_size`), so a spreadsheet's headers match stored attributes.
 */
export function normalizeAttributeKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export const PHONE_NUMBER_HINT = 'Enter the number with its country code, e.g. +1 650 555 1234';

/**
 * A phone number as people write it ("+1 (650) 555-1234", "0044 20 7946 0958") to E.164 digits without `+`,
 * as Meta's wa_id. Answers why when it cannot be one.
 */
export function normalizePhoneNumber(raw: string): { waId: string } | { error: string } {
  const value = raw.trim();
  if (value === '') return { error: 'Phone number is required' };
  if (!/^\+?[\d\s().-]+$/.test(value)) {
    return { error: `"${value}" is not a phone number: use digits only. ${PHONE_NUMBER_HINT}` };
  }
  let digits = value.replace(/\D/g, '');
  // "00" is the international call prefix in most countries, the same as "+".
  if (!value.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
  if (digits.startsWith('0')) {
    return { error: `"${value}" has no country code (country codes never start with 0). ${PHONE_NUMBER_HINT}` };
  }
  if (digits.length < 6 || digits.length > 20) {
    return { error: `"${value}" has ${digits.length} digits; a phone number has 6 to 20. ${PHONE_NUMBER_HINT}` };
  }
  return { waId: digits };
}

/** Tags are compared and stored trimmed and lower-case. */
export function normalizeTag(raw: string): string {
  return raw.trim().toLowerCase();
}

export const tagField = z
  .string({ error: 'A tag must be text' })
  .transform(normalizeTag)
  .pipe(
    z
      .string()
      .min(1, 'A tag cannot be empty')
      .max(CONTACT_LIMITS.tagMaxLength, `A tag must be at most ${CONTACT_LIMITS.tagMaxLength} characters`)
      // `;` and `|` separate tags in a CSV cell.
      .regex(/^[^;|\p{Cc}]+$/u, 'A tag cannot contain ";", "|" or control characters'),
  );

export const tagsField = z
  .array(tagField, { error: 'tags must be a list of texts' })
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).max(CONTACT_LIMITS.tagsMax, `A contact can have at most ${CONTACT_LIMITS.tagsMax} tags`));

/** A name set by the team; blank means none (the WhatsApp profile name or the number is shown). */
export const contactNameField = z
  .string({ error: 'name must be text' })
  .trim()
  .max(CONTACT_LIMITS.nameMaxLength, `Name must be at most ${CONTACT_LIMITS.nameMaxLength} characters`)
  .transform((name) => (name === '' ? null : name))
  .nullable();

/** Why a (normalized) attribute name cannot be used, or null when it can. */
export function attributeKeyProblem(key: string): string | null {
  if (key === '') return 'An attribute name cannot be empty';
  if (key.length > CONTACT_LIMITS.attributeKeyMaxLength) {
    return `Attribute name "${key.slice(0, 20)}…" is longer than ${CONTACT_LIMITS.attributeKeyMaxLength} characters`;
  }
  if (/\p{Cc}/u.test(key)) return `Attribute name "${key}" contains control characters`;
  if (RESERVED_CSV_COLUMNS.has(key)) return `"${key}" is a contact field, not a custom attribute name`;
  return null;
}

export const attributeValueField = z
  .string({ error: 'An attribute value must be text' })
  .trim()
  .min(1, 'An attribute value cannot be empty: leave the attribute out instead')
  .max(
    CONTACT_LIMITS.attributeValueMaxLength,
    `An attribute value must be at most ${CONTACT_LIMITS.attributeValueMaxLength} characters`,
  );

/** Custom attributes: names (normalized as `normalizeAttributeKey`) to text values, as template variables use them. */
export const attributesField = z
  .record(z.string(), attributeValueField, { error: 'attributes must be an object of names to texts' })
  .transform((attributes, ctx) => {
    const out: Record<string, string> = {};
    const rawKeyOf = new Map<string, string>();
    for (const [rawKey, value] of Object.entries(attributes)) {
      const key = normalizeAttributeKey(rawKey);
      const problem = attributeKeyProblem(key);
      const earlier = rawKeyOf.get(key);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: rawKey, path: [rawKey] });
      else if (earlier !== undefined) {
        const message = `Attribute names "${earlier}" and "${rawKey}" are the same`;
        ctx.issues.push({ code: 'custom', message, input: rawKey, path: [rawKey] });
      }
      rawKeyOf.set(key, rawKey);
      out[key] = value;
    }
    if (Object.keys(out).length > CONTACT_LIMITS.attributesMax) {
      ctx.issues.push({
        code: 'custom',
        message: `A contact can have at most ${CONTACT_LIMITS.attributesMax} attributes`,
        input: attributes,
      });
    }
    return out;
  });

/** Marketing consent as the team sets it: `granted` (the customer agreed), `opted_out`, or back to `unknown`. */
export const marketingConsentField = z.enum(MARKETING_CONSENTS, {
  error: `marketingConsent must be one of: ${MARKETING_CONSENTS.join(', ')}`,
});

/** The number of a create body, from `waId` or `phone` (either may be written as people write numbers). */
function numberOf(input: unknown): { waId: string } | { error: string } {
  const { waId, phone } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (waId !== undefined && typeof waId !== 'string') return { error: 'waId must be text' };
  if (phone !== undefined && typeof phone !== 'string') return { error: 'phone must be text' };
  const raw = waId ?? phone;
  if (raw === undefined) return { error: 'Phone number is required' };
  const number = normalizePhoneNumber(raw);
  if (waId !== undefined && phone !== undefined && 'waId' in number) {
    const other = normalizePhoneNumber(phone);
    if (!('waId' in other) || other.waId !== number.waId) return { error: 'waId and phone name different numbers' };
  }
  return number;
}

export const createContactSchema = strictObject({
  /** The number as digits, or as people write it; `phone` is accepted as another name for it. */
  waId: z.string({ error: 'waId must be text' }).optional(),
  phone: z.string({ error: 'phone must be text' }).optional(),
  name: contactNameField.optional(),
  tags: tagsField.optional(),
  attributes: attributesField.optional(),
  marketingConsent: marketingConsentField.optional(),
})
  // Number errors are reported on `waId` whichever name was sent, like the duplicate-number conflict,
  // and together with the other fields' errors (hence `when`).
  .superRefine(
    (input, ctx) => {
      const number = numberOf(input);
      if ('error' in number) ctx.addIssue({ code: 'custom', message: number.error, path: ['waId'] });
    },
    { when: () => true },
  )
  .transform((input, ctx) => {
    const number = numberOf(input);
    if ('error' in number) {
      ctx.issues.push({ code: 'custom', message: number.error, input, path: ['waId'] });
      return z.NEVER;
    }
    return {
      waId: number.waId,
      name: input.name ?? null,
      tags: input.tags ?? [],
      attributes: input.attributes ?? {},
      marketingConsent: input.marketingConsent ?? 'unknown',
    };
  });
export type CreateContactInput = z.infer<typeof createContactSchema>;

/**
 * Any subset; `tags` and `attributes` replace the whole list or map; `name: null` clears the name. A changed
 * `marketingConsent` is recorded as the team's (source `agent`, now) and audited.
 */
export const updateContactSchema = strictObject({
  name: contactNameField.optional(),
  tags: tagsField.optional(),
  attributes: attributesField.optional(),
  marketingConsent: marketingConsentField.optional(),
}).refine((v) => Object.values(v).some((value) => value !== undefined), {
  message: 'Provide at least one of: name, tags, attributes, marketingConsent',
});
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const contactFilterSchema = z.object({
  /** Part of the name, WhatsApp profile name or number, in any case. */
  search: z
    .string()
    .trim()
    .max(100, 'search must be at most 100 characters')
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
  tag: z
    .string()
    .transform(normalizeTag)
    .pipe(z.string().max(CONTACT_LIMITS.tagMaxLength, `tag must be at most ${CONTACT_LIMITS.tagMaxLength} characters`))
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const listContactsQuerySchema = pageQuerySchema.extend(contactFilterSchema.shape);
export type ListContactsQuery = z.infer<typeof listContactsQuerySchema>;

/** `POST /contacts/:id/conversations`: the business number to talk to the contact from. */
export const startConversationSchema = strictObject({
  whatsappAccountId: z.uuid({ error: 'Choose one of your WhatsApp numbers' }),
});
export type StartConversationInput = z.infer<typeof startConversationSchema>;
