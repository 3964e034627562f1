import { z } from 'zod';
import { strictObject, timeZoneField } from './fields';

export const updateTenantSchema = strictObject({
  name: z.string().trim().min(2, 'Workspace name must be at least 2 characters').max(120).optional(),
  /** Retired (docs/adr/0156): named here so that a caller still sending it learns where webhooks went. */
  webhookUrl: z
    .never({ error: 'webhookUrl is no longer a workspace setting; add an endpoint at /integrations/webhooks' })
    .optional(),
  /** The workspace's time zone: campaigns are scheduled and shown in it. */
  timeZone: timeZoneField('timeZone').optional(),
}).refine((v) => v.name !== undefined || v.timeZone !== undefined, {
  message: 'Provide at least one of: name, timeZone',
});
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;
