import { metaBudgetSchema, metaRateCardSchema, usageQuerySchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class UsageQueryDto extends createZodDto(usageQuerySchema) {}
export class MetaBudgetBodyDto extends createZodDto(metaBudgetSchema) {}
export class MetaRateCardBodyDto extends createZodDto(metaRateCardSchema) {}
