import { listAdminWhatsAppAccountsQuerySchema, uuidParamSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class ListAdminWhatsAppAccountsQueryDto extends createZodDto(listAdminWhatsAppAccountsQuerySchema) {}
export class AdminWhatsAppAccountIdParamDto extends createZodDto(uuidParamSchema) {}
