import { Body, Controller, Get, Inject, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type MicrosoftSignInSettingsDto } from '@aerostic/shared';
import { type Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { CurrentTenant } from '../../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { setAuthCookie } from '../auth-cookie';
import { Public } from '../public.decorator';
import { Roles } from '../roles.decorator';
import { MicrosoftCallbackQueryDto, MicrosoftSignInSettingsBodyDto } from './microsoft-sign-in.dto';
import { MicrosoftSignInService } from './microsoft-sign-in.service';
import { CrossTenant } from '../../common/tenant-context/cross-tenant.decorator';

/** Sign in with Microsoft: the browser is sent to the authority and comes back to the callback (docs/adr/0147). */
@ApiTags('auth')
@Controller('auth/microsoft')
export class MicrosoftSignInController {
  constructor(
    private readonly microsoft: MicrosoftSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @CrossTenant('sign-in')
  @Get()
  async start(@Res() res: Response): Promise<void> {
    res.redirect(302, await this.microsoft.start());
  }

  /** Success sets the same `auth_token` cookie as a password sign-in; a refusal lands on the login page. */
  @Public()
  @CrossTenant('sign-in')
  @Get('callback')
  async callback(
    @Query() query: MicrosoftCallbackQueryDto,
    @ReqMeta() meta: RequestMeta,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.microsoft.callback(query, meta);
    if (outcome.token) setAuthCookie(res, outcome.token, this.config);
    res.redirect(302, outcome.redirect);
  }

  @Get('settings')
  @Roles('admin')
  @ApiBearerAuth()
  getSettings(@CurrentTenant() principal: Principal): Promise<MicrosoftSignInSettingsDto> {
    return this.microsoft.getSettings(principal);
  }

  @Put('settings')
  @Roles('admin')
  @ApiBearerAuth()
  updateSettings(
    @CurrentTenant() principal: Principal,
    @ReqMeta() meta: RequestMeta,
    @Body() body: MicrosoftSignInSettingsBodyDto,
  ): Promise<MicrosoftSignInSettingsDto> {
    return this.microsoft.updateSettings(principal, meta, body);
  }
}
