import { updateLimitDefaultsSchema, updateTenantLimitsSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class UpdateLimitDefaultsDto extends createZodDto(updateLimitDefaultsSchema) {}
export class UpdateTenantLimitsDto extends createZodDto(updateTenantLimitsSchema) {}
