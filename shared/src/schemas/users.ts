import { z } from 'zod';
import { emailField, roleField, strictObject } from './fields';

export const createInvitationSchema = strictObject({
  email: emailField,
  role: roleField.default('agent'),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const updateUserSchema = strictObject({ role: roleField.optional(), active: z.boolean().optional() }).refine(
  (v) => v.role !== undefined || v.active !== undefined,
  { message: 'Provide at least one of: role, active' },
);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
