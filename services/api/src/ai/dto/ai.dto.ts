import {
  aiSettingsSchema,
  createKnowledgeArticleSchema,
  listKnowledgeQuerySchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class AiSettingsDtoBody extends createZodDto(aiSettingsSchema) {}
export class CreateKnowledgeArticleDto extends createZodDto(createKnowledgeArticleSchema) {}
export class ListKnowledgeQueryDto extends createZodDto(listKnowledgeQuerySchema) {}
export class IdParamDto extends createZodDto(uuidParamSchema) {}
