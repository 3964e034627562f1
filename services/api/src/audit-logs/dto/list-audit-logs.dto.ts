import { pageQuerySchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class ListAuditLogsQueryDto extends createZodDto(pageQuerySchema) {}
