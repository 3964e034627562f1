import { z } from 'zod';
import { TOKEN_STATUSES } from '../types/admin';
import { pageQuerySchema } from './fields';

/** How `GET /admin/whatsapp-accounts` sorts; ties go by the number's id. */
export const ADMIN_WHATSAPP_ACCOUNT_SORTS = ['tenant', 'tokenExpiresAt', 'lastCheckedAt', 'quality'] as const;
export type AdminWhatsAppAccountSort = (typeof ADMIN_WHATSAPP_ACCOUNT_SORTS)[number];

/**
 * The quality filter: Meta's ratings, UNKNOWN matching every number Meta has not rated (no rating yet, UNKNOWN, NA).
 * Sorting by quality goes UNKNOWN, GREEN, YELLOW, RED ascending, so `order=desc` lists the worst first.
 */
export const QUALITY_FILTERS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
export type QualityFilter = (typeof QUALITY_FILTERS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;

/** A form's empty field means "not given". */
const blankAsDefault = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const optional = <T extends z.ZodType>(schema: T) => blankAsDefault(schema.optional());

export const listAdminWhatsAppAccountsQuerySchema = pageQuerySchema.extend({
  tokenStatus: optional(z.enum(TOKEN_STATUSES, { error: `tokenStatus must be one of: ${TOKEN_STATUSES.join(', ')}` })),
  quality: optional(
    z.preprocess(
      (v) => (typeof v === 'string' ? v.toUpperCase() : v),
      z.enum(QUALITY_FILTERS, { error: `quality must be one of: ${QUALITY_FILTERS.join(', ')}` }),
    ),
  ),
  tenantId: optional(z.uuid({ error: 'tenantId must be a UUID' })),
  sort: blankAsDefault(
    z
      .enum(ADMIN_WHATSAPP_ACCOUNT_SORTS, { error: `sort must be one of: ${ADMIN_WHATSAPP_ACCOUNT_SORTS.join(', ')}` })
      .default('tenant'),
  ),
  order: blankAsDefault(z.enum(SORT_ORDERS, { error: 'order must be asc or desc' }).default('asc')),
});
export type ListAdminWhatsAppAccountsQuery = z.infer<typeof listAdminWhatsAppAccountsQuerySchema>;
