import { z } from 'zod';
import { LIMIT_NAMES, type LimitName } from '../types/admin';
import { strictObject } from './fields';

/** PostgreSQL's `integer`, where the limits are stored. */
const LIMIT_MAX_CEILING = 2_147_483_647;

/** A limit's maximum: a whole number of at least 1, or null for unlimited (a limit of 0 would be a switch-off). */
export const limitMaxField = z
  .number({ error: 'Must be a whole number of at least 1, or null for unlimited' })
  .int('Must be a whole number of at least 1, or null for unlimited')
  .min(1, 'Must be at least 1, or null for unlimited')
  .max(LIMIT_MAX_CEILING, `Must be at most ${LIMIT_MAX_CEILING}, or null for unlimited`)
  .nullable();

const limitShape = Object.fromEntries(LIMIT_NAMES.map((name) => [name, limitMaxField])) as Record<
  LimitName,
  typeof limitMaxField
>;

const LIMITS_HINT = `remove it: the limits are ${LIMIT_NAMES.join(', ')}`;

/** Why a super admin changed a limit, kept in the audit log. */
export const limitChangeReasonField = z
  .string({ error: 'The reason must be text' })
  .trim()
  .min(1, 'Leave the reason out, or say why')
  .max(500, 'The reason must be at most 500 characters');

/** `PUT /admin/limits`: every limit's platform default. */
export const updateLimitDefaultsSchema = strictObject({
  values: strictObject(limitShape, LIMITS_HINT),
  reason: limitChangeReasonField.optional(),
});
export type UpdateLimitDefaultsInput = z.infer<typeof updateLimitDefaultsSchema>;

/** `PUT /admin/tenants/:id/limits`: the tenant's overrides; a limit left out follows the platform default. */
export const updateTenantLimitsSchema = strictObject({
  overrides: strictObject(limitShape, LIMITS_HINT).partial(),
  reason: limitChangeReasonField.optional(),
});
export type UpdateTenantLimitsInput = z.infer<typeof updateTenantLimitsSchema>;
