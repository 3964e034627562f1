import {
  createTemplateSchema,
  listTemplatesQuerySchema,
  syncTemplatesSchema,
  uploadHeaderSampleSchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateTemplateDto extends createZodDto(createTemplateSchema) {}
export class ListTemplatesQueryDto extends createZodDto(listTemplatesQuerySchema) {}
export class SyncTemplatesDto extends createZodDto(syncTemplatesSchema) {}
export class TemplateIdParamDto extends createZodDto(uuidParamSchema) {}
export class UploadHeaderSampleDto extends createZodDto(uploadHeaderSampleSchema) {}
