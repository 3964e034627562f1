import { z } from 'zod';
import { emailField, roleField } from './fields';

export const createInvitationSchema = z.object({
  email: emailField,
  role: roleField.default('agent'),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const updateUserSchema = z
  .object({ role: roleField.optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: 'Provide at least one of: role, active' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
