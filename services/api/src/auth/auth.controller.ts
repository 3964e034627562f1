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
  RegisterDto,
  UpdateProfileDto,
} from './dto/auth.dto';
import { Public } from './public.decorator';

/** Every response that carries a token also sets it as the HttpOnly `auth_token` cookie. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  async register(
    @Body() body: RegisterDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.withCookie(res, await this.auth.register(body, meta));
  }

  @Public()
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
  @Get('invitations/:token')
  previewInvitation(
    @Param() params: InvitationTokenParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<InvitationPreviewDto> {
    return this.auth.previewInvitation(params.token, meta);
  }

  @Public()
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

  private withCookie<T extends AuthResponse>(res: Response, result: T): T {
    setAuthCookie(res, result.access_token, this.config);
    return result;
  }
}
