import { z } from 'zod';
import { AUTOMATION_LIMITS } from './automation';
import { emailField, roleField, strictObject } from './fields';

export const createInvitationSchema = strictObject({
  email: emailField,
  role: roleField.default('agent'),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

/** Most open conversations routing gives a member (docs/adr/0122); null: no limit. */
export const capacityField = z
  .number({ error: 'capacity must be a whole number or null' })
  .int('capacity must be a whole number')
  .min(1, 'capacity must be at least 1 (null: no limit)')
  .max(AUTOMATION_LIMITS.capacityMax, `capacity must be at most ${AUTOMATION_LIMITS.capacityMax}`)
  .nullable();

export const updateUserSchema = strictObject({
  role: roleField.optional(),
  active: z.boolean().optional(),
  capacity: capacityField.optional(),
}).refine((v) => v.role !== undefined || v.active !== undefined || v.capacity !== undefined, {
  message: 'Provide at least one of: role, active, capacity',
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
