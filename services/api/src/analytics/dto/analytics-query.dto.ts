import { analyticsQuerySchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class AnalyticsQueryDto extends createZodDto(analyticsQuerySchema) {}
