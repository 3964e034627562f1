import { overviewQuerySchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class OverviewQueryDto extends createZodDto(overviewQuerySchema) {}
