import { z } from 'zod';
import { CAMPAIGN_RECIPIENT_STATES, CAMPAIGN_STATUSES } from '../types/campaigns';
import { pageQuerySchema, strictObject } from './fields';

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

/** At least one audience criterion: an empty audience would mean every contact, which is never meant by accident. */
const chosenAudience = campaignAudienceSchema.refine(
  (a) => (a.tags?.length ?? 0) > 0 || Object.keys(a.attributes ?? {}).length > 0 || (a.contactIds?.length ?? 0) > 0,
  { message: 'Choose the audience by tags, attributes or contactIds' },
);

/** `POST /campaigns`; without `scheduledAt` the campaign starts now. */
export const createCampaignSchema = strictObject({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(CAMPAIGN_LIMITS.nameMaxLength),
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a WhatsApp number id' }),
  template: strictObject({
    name: z.string({ error: 'template.name is required' }).min(1),
    language: z.string({ error: 'template.language is required' }).min(1),
    variables: z.record(z.string().min(1), variableSource).default({}),
  }),
  audience: chosenAudience,
  scheduledAt: z.iso.datetime({ offset: true, error: 'scheduledAt must be an ISO 8601 date and time' }).optional(),
});
export type CreateCampaignBody = z.infer<typeof createCampaignSchema>;

/** `POST /campaigns/preview`: the campaign as it would be created; name and schedule may still be missing. */
export const previewCampaignSchema = createCampaignSchema.extend({
  name: z.string().max(CAMPAIGN_LIMITS.nameMaxLength).optional(),
  scheduledAt: z.string().optional(),
});
export type PreviewCampaignBody = z.infer<typeof previewCampaignSchema>;

export const listCampaignsQuerySchema = pageQuerySchema.extend({
  status: z.enum(CAMPAIGN_STATUSES, { error: `status must be one of: ${CAMPAIGN_STATUSES.join(', ')}` }).optional(),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuerySchema>;

export const listCampaignRecipientsQuerySchema = pageQuerySchema.extend({
  state: z
    .enum(CAMPAIGN_RECIPIENT_STATES, { error: `state must be one of: ${CAMPAIGN_RECIPIENT_STATES.join(', ')}` })
    .optional(),
});
export type ListCampaignRecipientsQuery = z.infer<typeof listCampaignRecipientsQuerySchema>;

export const exportCampaignRecipientsQuerySchema = listCampaignRecipientsQuerySchema.pick({ state: true });
