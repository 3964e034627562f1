import { z } from 'zod';
import { TENANT_STATUSES } from '../constants/roles';
import { pageQuerySchema, strictObject } from './fields';

/** Why an admin suspended or reactivated a workspace: kept in the audit log and shown to other admins. */
export const ADMIN_REASON_LIMITS = { min: 3, max: 500 } as const;

const reasonField = z
  .string({ error: 'Reason is required' })
  .trim()
  .min(ADMIN_REASON_LIMITS.min, `Reason must be at least ${ADMIN_REASON_LIMITS.min} characters`)
  .max(ADMIN_REASON_LIMITS.max, `Reason must be at most ${ADMIN_REASON_LIMITS.max} characters`);

/** `GET /admin/tenants`: newest first; `search` matches the name or the slug, in any case. */
export const adminTenantsQuerySchema = pageQuerySchema.extend({
  search: z.string().trim().max(100, 'search must be at most 100 characters').optional(),
  status: z.enum(TENANT_STATUSES, { error: `status must be one of: ${TENANT_STATUSES.join(', ')}` }).optional(),
});
export type AdminTenantsQuery = z.infer<typeof adminTenantsQuerySchema>;

/** `POST /admin/tenants/:id/suspend`. */
export const suspendTenantSchema = strictObject({ reason: reasonField });
export type SuspendTenantInput = z.infer<typeof suspendTenantSchema>;

/** `POST /admin/tenants/:id/reactivate`; the reason is optional, but checked like a suspension's when given. */
export const reactivateTenantSchema = strictObject({ reason: reasonField.optional() });
export type ReactivateTenantInput = z.infer<typeof reactivateTenantSchema>;

/** An instant: an ISO 8601 date-time with its offset, or a date alone meaning that day's 00:00 UTC. */
const instantField = (name: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: `${name} must be an ISO 8601 date-time with its offset (2026-12-01T09:30:00Z) or a date (2026-12-01)`,
    })
    .transform((value) => new Date(value));

const auditLogsFilterShape = {
  tenantId: z.uuid({ error: 'tenantId must be a UUID' }).optional(),
  /** The acting admin's or user's email (in any case), or their id. */
  actor: z
    .string()
    .trim()
    .min(1, 'actor must not be empty')
    .max(254, 'actor must be at most 254 characters')
    .optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,64}$/, 'action must be an audit action such as tenant.suspended')
    .optional(),
  /** Included. */
  from: instantField('from').optional(),
  /** Excluded: `from=2026-12-01&to=2026-12-02` is the first of December (UTC). */
  to: instantField('to').optional(),
};

const fromBeforeTo = (f: { from?: Date; to?: Date }): boolean => !f.from || !f.to || f.from < f.to;
const fromBeforeToError = { message: 'to must be after from', path: ['to'] };

/** The filters of the platform-wide audit log, and all that its CSV export takes. */
export const adminAuditLogsFilterSchema = z.object(auditLogsFilterShape).refine(fromBeforeTo, fromBeforeToError);
export type AdminAuditLogsFilter = z.infer<typeof adminAuditLogsFilterSchema>;

/** `GET /admin/audit-logs`: newest first. */
export const adminAuditLogsQuerySchema = pageQuerySchema
  .extend(auditLogsFilterShape)
  .refine(fromBeforeTo, fromBeforeToError);
export type AdminAuditLogsQuery = z.infer<typeof adminAuditLogsQuerySchema>;
