import { adminAuditLogsFilterSchema, adminAuditLogsQuerySchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class AdminAuditLogsQueryDto extends createZodDto(adminAuditLogsQuerySchema) {}
export class AdminAuditLogsFilterDto extends createZodDto(adminAuditLogsFilterSchema) {}
