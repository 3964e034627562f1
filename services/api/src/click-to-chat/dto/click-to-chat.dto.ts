import {
  createEntryPointSchema,
  entryPointListQuerySchema,
  updateEntryPointSchema,
  uuidParamSchema,
  widgetRefParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateEntryPointDto extends createZodDto(createEntryPointSchema) {}
export class UpdateEntryPointDto extends createZodDto(updateEntryPointSchema) {}
export class EntryPointListQueryDto extends createZodDto(entryPointListQuerySchema) {}
export class EntryPointIdParamDto extends createZodDto(uuidParamSchema) {}
export class WidgetRefParamDto extends createZodDto(widgetRefParamSchema) {}
