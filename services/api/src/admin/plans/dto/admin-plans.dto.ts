import { createPlanSchema, updatePlanSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreatePlanDto extends createZodDto(createPlanSchema) {}
export class UpdatePlanDto extends createZodDto(updatePlanSchema) {}
