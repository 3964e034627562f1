import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  uuidParamSchema,
  webhookDeliveryParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateWebhookEndpointDto extends createZodDto(createWebhookEndpointSchema) {}
export class UpdateWebhookEndpointDto extends createZodDto(updateWebhookEndpointSchema) {}
export class WebhookEndpointIdParamDto extends createZodDto(uuidParamSchema) {}
export class WebhookDeliveryParamDto extends createZodDto(webhookDeliveryParamSchema) {}
