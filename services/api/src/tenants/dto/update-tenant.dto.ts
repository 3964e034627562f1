import { updateTenantSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class UpdateTenantDto extends createZodDto(updateTenantSchema) {}
