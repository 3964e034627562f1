import { z } from 'zod';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../constants/limits';
import { USER_ROLES } from '../constants/roles';

const UNKNOWN_FIELD_HINT = 'remove it: this request takes only the fields its documentation (/docs) lists';

/**
 * An object of a request body that refuses any key it does not define, with a message a caller can act on:
 * a field the API dropped silently would be a feature the caller believes it has (docs/adr/0200).
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, hint: string = UNKNOWN_FIELD_HINT) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field; ${hint}` : undefined),
  });
}

export const emailField = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address' }).max(254));

export const passwordField = z
  .string({ error: 'Password is required' })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const personNameField = z
  .string({ error: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(120, 'Name must be at most 120 characters');

export const roleField = z.enum(USER_ROLES, { error: `Role must be one of: ${USER_ROLES.join(', ')}` });

export const uuidParamSchema = z.object({ id: z.uuid({ error: 'id must be a UUID' }) });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().min(1).max(512).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Names the runtime knows (Intl) are the IANA names PostgreSQL knows too. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, such as Europe/Lisbon or UTC. */
export const timeZoneField = (field: string) =>
  z
    .string()
    .trim()
    .max(64, `${field} must be at most 64 characters`)
    .refine(isTimeZone, { message: `${field} must be an IANA time zone name, such as Europe/Lisbon or UTC` });
