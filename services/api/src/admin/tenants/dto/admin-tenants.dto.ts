import { adminTenantsQuerySchema, reactivateTenantSchema, suspendTenantSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class AdminTenantsQueryDto extends createZodDto(adminTenantsQuerySchema) {}
export class SuspendTenantDto extends createZodDto(suspendTenantSchema) {}
export class ReactivateTenantDto extends createZodDto(reactivateTenantSchema) {}
