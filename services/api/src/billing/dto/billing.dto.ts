import { changePlanSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class ChangePlanDto extends createZodDto(changePlanSchema) {}
