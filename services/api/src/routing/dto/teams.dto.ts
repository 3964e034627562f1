import { teamSchema, updateTeamSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateTeamDto extends createZodDto(teamSchema) {}
export class UpdateTeamDto extends createZodDto(updateTeamSchema) {}
