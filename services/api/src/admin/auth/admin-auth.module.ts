import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminSessionService } from './admin-session.service';
import { AdminTokenService } from './admin-token.service';
import { PlatformAdminRepository } from './platform-admin.repository';

@Module({
  imports: [JwtModule.register({})],
  providers: [
    AdminTokenService,
    AdminSessionService,
    PlatformAdminRepository,
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
  exports: [AdminTokenService, AdminSessionService],
})
export class AdminAuthModule {}
