import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../types/integrations';
import { strictObject } from './fields';

const webhookUrlField = z
  .url({ protocol: /^https?$/, error: 'url must be an http(s) URL' })
  .max(2048, { error: 'url must be at most 2048 characters' });

const webhookEventsField = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `events[] must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` }), {
    error: 'events must be a list of event types',
  })
  .min(1, { error: 'events must name at least one event type' })
  .transform((events) => [...new Set(events)]);

export const createWebhookEndpointSchema = strictObject({ url: webhookUrlField, events: webhookEventsField });
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = strictObject({
  url: webhookUrlField.optional(),
  events: webhookEventsField.optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
});
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointSchema>;

export const webhookDeliveryParamSchema = z.object({
  id: z.uuid({ error: 'id must be a UUID' }),
  deliveryId: z.uuid({ error: 'deliveryId must be a UUID' }),
});
