import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { LimitsModule } from '../limits/limits.module';
import { MailModule } from '../mail/mail.module';
import { TenantsModule } from '../tenants/tenants.module';
import { UsersModule } from '../users/users.module';
import { AuthRateLimiter } from './auth-rate-limiter';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Clock, SystemClock } from '../common/clock/clock';
import { CsrfGuard } from './csrf.guard';
import { EmailTokenRepository } from './email-token.repository';
import { EmailVerificationService } from './email-verification.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { KnownDevices } from './known-devices';
import { PasswordResetService } from './password-reset.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { MICROSOFT_AUTH_CLIENT, MicrosoftAuthClient } from './microsoft/microsoft-auth-client';
import { MicrosoftSignInStates } from './microsoft/microsoft-sign-in-states';
import { MicrosoftSignInController } from './microsoft/microsoft-sign-in.controller';
import { MicrosoftSignInRepository } from './microsoft/microsoft-sign-in.repository';
import { MicrosoftSignInService } from './microsoft/microsoft-sign-in.service';
import { PasswordService } from './password.service';
import { RevokedTokenRepository } from './revoked-token.repository';
import { RevokedTokens } from './revoked-tokens';
import { RolesGuard } from './roles.guard';
import { SessionAccounts } from './session-accounts';
import { SessionChanges } from './session-changes';
import { SessionService } from './session.service';
import { SignIns } from './sign-ins';
import { TokenService } from './token.service';

@Module({
  imports: [
    // The secret and algorithm are passed on every sign and verify call (TokenService), from the app config.
    JwtModule.register({}),
    // Stateless: the strategy's principal goes on `req.principal`, where @CurrentTenant() and RolesGuard read it.
    PassportModule.register({ session: false, property: 'principal' }),
    UsersModule,
    TenantsModule,
    AuditLogsModule,
    LimitsModule,
    ApiKeysModule,
    MailModule,
  ],
  controllers: [AuthController, MicrosoftSignInController],
  providers: [
    AuthService,
    PasswordService,
    PasswordResetService,
    EmailVerificationService,
    EmailTokenRepository,
    TokenService,
    AuthRateLimiter,
    SessionService,
    SessionAccounts,
    SignIns,
    RevokedTokens,
    RevokedTokenRepository,
    SessionChanges,
    JwtStrategy,
    KnownDevices,
    { provide: Clock, useClass: SystemClock },
    MicrosoftSignInService,
    MicrosoftSignInRepository,
    MicrosoftSignInStates,
    {
      // Null when ENTRA_AUTHORITY is unset: the routes then answer with the "not configured" message.
      provide: MICROSOFT_AUTH_CLIENT,
      inject: [APP_CONFIG],
      useFactory: ({ ENTRA_AUTHORITY, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ...rest }: AppConfig) =>
        ENTRA_AUTHORITY && ENTRA_CLIENT_ID && ENTRA_CLIENT_SECRET
          ? new MicrosoftAuthClient({ ...rest, ENTRA_AUTHORITY, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET })
          : null,
    },
    // Order matters: the cross-site check, authentication, then the role check.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  // The limiter and password hashing serve the platform admins' sign-in too (admin/auth), as do the Microsoft
  // client and its states.
  exports: [
    SessionService,
    SessionChanges,
    AuthRateLimiter,
    PasswordService,
    EmailVerificationService,
    MICROSOFT_AUTH_CLIENT,
    MicrosoftSignInStates,
  ],
})
export class AuthModule {}
