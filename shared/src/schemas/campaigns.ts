import { z } from 'zod';
import { strictObject } from './fields';

export const CAMPAIGN_LIMITS = {
  nameMaxLength: 120,
  contactIdsMax: 100_000,
  variableTextMaxLength: 1024,
} as const;

const variableSource = z.union([
  strictObject({ field: z.string().trim().min(1, 'field is required').max(100) }),
  strictObject({ text: z.string().max(CAMPAIGN_LIMITS.variableTextMaxLength) }),
]);

export const campaignAudienceSchema = strictObject({
  tags: z.array(z.string().trim().min(1)).max(50).optional(),
  attributes: z.record(z.string().min(1), z.string()).optional(),
  contactIds: z
    .array(z.uuid({ error: 'contactIds must hold contact ids' }))
    .max(CAMPAIGN_LIMITS.contactIdsMax)
    .optional(),
});

/** `POST /campaigns`; without `scheduledAt` the campaign starts now. */
export const createCampaignSchema = strictObject({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(CAMPAIGN_LIMITS.nameMaxLength),
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a WhatsApp number id' }),
  template: strictObject({
    name: z.string({ error: 'template.name is required' }).min(1),
    language: z.string({ error: 'template.language is required' }).min(1),
    variables: z.record(z.string().min(1), variableSource).default({}),
  }),
  audience: campaignAudienceSchema,
  scheduledAt: z.iso.datetime({ offset: true, error: 'scheduledAt must be an ISO 8601 date and time' }).optional(),
});
export type CreateCampaignBody = z.infer<typeof createCampaignSchema>;
