import { createAdminInvitationSchema, updatePlatformAdminSchema, uuidParamSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateAdminInvitationDto extends createZodDto(createAdminInvitationSchema) {}
export class UpdatePlatformAdminDto extends createZodDto(updatePlatformAdminSchema) {}
export class AdminIdParamDto extends createZodDto(uuidParamSchema) {}
