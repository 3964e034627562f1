import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { AuthModule } from '../../auth/auth.module';
import { SecretBox } from '../../common/crypto/secret-box';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminAuthService } from './admin-auth.service';
import { AdminInvitationRepository } from './admin-invitation.repository';
import { AdminMicrosoftSignInController } from './admin-microsoft-sign-in.controller';
import { AdminMicrosoftSignInService } from './admin-microsoft-sign-in.service';
import { AdminSessionService } from './admin-session.service';
import { AdminTokenService } from './admin-token.service';
import { AdminTotpService } from './admin-totp.service';
import { PlatformAdminRepository } from './platform-admin.repository';

@Module({
  // AuthModule lends its sign-in limiter and password hashing; the tokens and their audience are this module's.
  imports: [JwtModule.register({}), AuthModule, AuditLogsModule],
  controllers: [AdminAuthController, AdminMicrosoftSignInController],
  providers: [
    AdminTokenService,
    AdminSessionService,
    AdminAuthService,
    AdminTotpService,
    AdminMicrosoftSignInService,
    PlatformAdminRepository,
    AdminInvitationRepository,
    SecretBox,
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
  exports: [AdminTokenService, AdminSessionService],
})
export class AdminAuthModule {}
