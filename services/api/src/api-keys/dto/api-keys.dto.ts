import { createApiKeySchema, uuidParamSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
export class ApiKeyIdParamDto extends createZodDto(uuidParamSchema) {}
