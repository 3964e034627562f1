import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AdminAuthResponse,
  type AdminInvitationPreviewDto,
  type AdminMeResponse,
  type PlatformAdminDto,
  type TotpEnrolmentDto,
} from '@aerostic/shared';
import { type Response } from 'express';
import { Public } from '../../auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { AdminAuthService } from './admin-auth.service';
import { clearAdminCookie, setAdminCookie } from './admin-cookie';
import { type AdminPrincipal } from './admin-principal';
import { AdminRoute } from './admin-route.decorator';
import { AdminTotpService } from './admin-totp.service';
import { CurrentAdmin } from './current-admin.decorator';
import {
  AcceptAdminInvitationDto,
  AdminInvitationTokenParamDto,
  AdminLoginDto,
  TotpConfirmDto,
} from './dto/admin-auth.dto';
import { CrossTenant } from '../../common/tenant-context/cross-tenant.decorator';

/**
 * The admin panel's sign-in. Responses that carry a token also set it as the HttpOnly `admin_token` cookie. `me`,
 * logout and the enrolment routes stay open to an admin who must still enrol an authenticator (production).
 */
@ApiTags('admin')
@Controller('admin/auth')
export class AdminAuthController {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly totp: AdminTotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @CrossTenant('platform-admin')
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: AdminLoginDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdminAuthResponse> {
    return this.withCookie(res, await this.auth.login(body, meta));
  }

  @AdminRoute({ beforeEnrolment: true })
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(
    @CurrentAdmin() admin: AdminPrincipal,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(admin, meta);
    clearAdminCookie(res, this.config);
  }

  @AdminRoute({ beforeEnrolment: true })
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentAdmin() admin: AdminPrincipal): Promise<AdminMeResponse> {
    return this.auth.me(admin);
  }

  @AdminRoute({ beforeEnrolment: true })
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiBearerAuth()
  enrolTotp(@CurrentAdmin() admin: AdminPrincipal): Promise<TotpEnrolmentDto> {
    return this.totp.enrol(admin);
  }

  @AdminRoute({ beforeEnrolment: true })
  @Post('totp/confirm')
  @HttpCode(200)
  @ApiBearerAuth()
  confirmTotp(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: TotpConfirmDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PlatformAdminDto> {
    return this.totp.confirm(admin, body, meta);
  }

  @Public()
  @CrossTenant('platform-admin')
  @Get('invitations/:token')
  previewInvitation(
    @Param() params: AdminInvitationTokenParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminInvitationPreviewDto> {
    return this.auth.previewInvitation(params.token, meta);
  }

  @Public()
  @CrossTenant('platform-admin')
  @Post('accept-invitation')
  @HttpCode(200)
  async acceptInvitation(
    @Body() body: AcceptAdminInvitationDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdminAuthResponse> {
    return this.withCookie(res, await this.auth.acceptInvitation(body, meta));
  }

  private withCookie(res: Response, result: AdminAuthResponse): AdminAuthResponse {
    setAdminCookie(res, result.access_token, this.config);
    return result;
  }
}
