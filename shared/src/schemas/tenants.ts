import { z } from 'zod';
import { strictObject } from './fields';

export const updateTenantSchema = strictObject({
  name: z.string().trim().min(2, 'Workspace name must be at least 2 characters').max(120).optional(),
  webhookUrl: z
    .union([z.url({ protocol: /^https?$/, error: 'Webhook URL must be an http(s) URL' }).max(2048), z.null()])
    .optional(),
}).refine((v) => v.name !== undefined || v.webhookUrl !== undefined, {
  message: 'Provide at least one of: name, webhookUrl',
});
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;
