import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthResponse, type InvitationPreviewDto, type LoginResponse, type MeResponse } from '@aerostic/shared';
import { type Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { clearAuthCookie, setAuthCookie, setKnownDeviceCookie } from './auth-cookie';
import { AuthService } from './auth.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  InvitationTokenParamDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
  UpdateProfileDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { Public } from './public.decorator';
import { CrossTenant } from '../common/tenant-context/cross-tenant.decorator';

/** Every response that carries a token also sets it as the HttpOnly `auth_token` cookie. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordReset: PasswordResetService,
    private readonly verification: EmailVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @CrossTenant('sign-in')
  @Post('register')
  async register(
    @Body() body: RegisterDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.register(body, meta));
  }

  @Public()
  @CrossTenant('sign-in')
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const result = this.withCookie(res, await this.auth.login(body, meta));
    setKnownDeviceCookie(res, result.device_token, this.config);
    return result;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(
    @CurrentTenant() principal: Principal,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal, meta);
    clearAuthCookie(res, this.config);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentTenant() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }

  /** Any member changes their own name; email and role are changed by others (sign-up, an admin). */
  @Patch('me')
  @ApiBearerAuth()
  updateMe(@CurrentTenant() principal: Principal, @Body() body: UpdateProfileDto): Promise<MeResponse> {
    return this.auth.updateProfile(principal, body);
  }

  @Public()
  @CrossTenant('sign-in')
  @Get('invitations/:token')
  previewInvitation(
    @Param() params: InvitationTokenParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<InvitationPreviewDto> {
    return this.auth.previewInvitation(params.token, meta);
  }

  @Public()
  @CrossTenant('sign-in')
  @Post('accept-invitation')
  @HttpCode(200)
  async acceptInvitation(
    @Body() body: AcceptInvitationDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.acceptInvitation(body, meta));
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  async changePassword(
    @CurrentTenant() principal: Principal,
    @Body() body: ChangePasswordDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.changePassword(principal, body, meta));
  }

  /** Always 202, known address or not, so that accounts cannot be discovered. */
  @Public()
  @CrossTenant('sign-in')
  @Post('password-reset')
  @HttpCode(202)
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    return this.passwordReset.request(body, meta);
  }

  @Public()
  @CrossTenant('sign-in')
  @Post('password-reset/confirm')
  @HttpCode(204)
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    return this.passwordReset.confirm(body, meta);
  }

  @Public()
  @CrossTenant('sign-in')
  @Post('verify-email')
  @HttpCode(204)
  verifyEmail(@Body() body: VerifyEmailDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    return this.verification.verify(body, meta);
  }

  @Post('verify-email/resend')
  @HttpCode(202)
  @ApiBearerAuth()
  resendVerification(@CurrentTenant() principal: Principal): Promise<void> {
    return this.verification.resend(principal);
  }

  private withCookie<T extends AuthResponse>(res: Response, result: T): T {
    setAuthCookie(res, result.access_token, this.config);
    return result;
  }
}
