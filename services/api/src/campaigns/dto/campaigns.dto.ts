import {
  createCampaignSchema,
  exportCampaignRecipientsQuerySchema,
  listCampaignRecipientsQuerySchema,
  listCampaignsQuerySchema,
  pageQuerySchema,
  previewCampaignSchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateCampaignDto extends createZodDto(createCampaignSchema) {}
export class PreviewCampaignDto extends createZodDto(previewCampaignSchema) {}
export class PreviewPageQueryDto extends createZodDto(pageQuerySchema) {}
export class ListCampaignsQueryDto extends createZodDto(listCampaignsQuerySchema) {}
export class ListCampaignRecipientsQueryDto extends createZodDto(listCampaignRecipientsQuerySchema) {}
export class ExportCampaignRecipientsQueryDto extends createZodDto(exportCampaignRecipientsQuerySchema) {}
export class CampaignIdParamDto extends createZodDto(uuidParamSchema) {}
