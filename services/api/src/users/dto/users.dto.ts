import {
  createInvitationSchema,
  pageQuerySchema,
  setPresenceSchema,
  updateUserSchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateInvitationDto extends createZodDto(createInvitationSchema) {}
export class UpdateUserDto extends createZodDto(updateUserSchema) {}
export class ListUsersQueryDto extends createZodDto(pageQuerySchema) {}
export class IdParamDto extends createZodDto(uuidParamSchema) {}
export class SetPresenceDto extends createZodDto(setPresenceSchema) {}
