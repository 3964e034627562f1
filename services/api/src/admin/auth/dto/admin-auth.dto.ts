import { acceptAdminInvitationSchema, adminLoginSchema, totpConfirmSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AdminLoginDto extends createZodDto(adminLoginSchema) {}
export class TotpConfirmDto extends createZodDto(totpConfirmSchema) {}
export class AcceptAdminInvitationDto extends createZodDto(acceptAdminInvitationSchema) {}
export class AdminInvitationTokenParamDto extends createZodDto(
  z.object({ token: acceptAdminInvitationSchema.shape.token }),
) {}
