import { z } from 'zod';
import { strictObject, timeZoneField } from './fields';

export const updateTenantSchema = strictObject({
  name: z.string().trim().min(2, 'Workspace name must be at least 2 characters').max(120).optional(),
  webhookUrl: z
    .union([z.url({ protocol: /^https?$/, error: 'Webhook URL must be an http(s) URL' }).max(2048), z.null()])
    .optional(),
  /** The workspace's time zone: campaigns are scheduled and shown in it. */
  timeZone: timeZoneField('timeZone').optional(),
}).refine((v) => v.name !== undefined || v.webhookUrl !== undefined || v.timeZone !== undefined, {
  message: 'Provide at least one of: name, webhookUrl, timeZone',
});
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;
