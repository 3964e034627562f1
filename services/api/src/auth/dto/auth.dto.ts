import {
  acceptInvitationSchema,
  changePasswordSchema,
  loginSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  registerSchema,
  updateProfileSchema,
  verifyEmailSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RegisterDto extends createZodDto(registerSchema) {}
export class LoginDto extends createZodDto(loginSchema) {}
export class AcceptInvitationDto extends createZodDto(acceptInvitationSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordSchema) {}
export class InvitationTokenParamDto extends createZodDto(z.object({ token: acceptInvitationSchema.shape.token })) {}
export class UpdateProfileDto extends createZodDto(updateProfileSchema) {}
export class PasswordResetRequestDto extends createZodDto(passwordResetRequestSchema) {}
export class PasswordResetConfirmDto extends createZodDto(passwordResetConfirmSchema) {}
export class VerifyEmailDto extends createZodDto(verifyEmailSchema) {}
