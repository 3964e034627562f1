import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { MicrosoftCallbackQueryDto } from '../../auth/microsoft/microsoft-sign-in.dto';
import { Public } from '../../auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { setAdminCookie } from './admin-cookie';
import { AdminMicrosoftSignInService } from './admin-microsoft-sign-in.service';
import { CrossTenant } from '../../common/tenant-context/cross-tenant.decorator';

/** The admin panel's "Sign in with Microsoft", for the company's own Entra tenant. */
@ApiTags('admin')
@Controller('admin/auth/microsoft')
export class AdminMicrosoftSignInController {
  constructor(
    private readonly microsoft: AdminMicrosoftSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @CrossTenant('platform-admin')
  @Get()
  async start(@Res() res: Response): Promise<void> {
    res.redirect(302, await this.microsoft.start());
  }

  /** Whether the panel's login page shows the button. */
  @Public()
  @CrossTenant('platform-admin')
  @Get('available')
  available(): { available: boolean } {
    return { available: this.microsoft.available };
  }

  @Public()
  @CrossTenant('platform-admin')
  @Get('callback')
  async callback(
    @Query() query: MicrosoftCallbackQueryDto,
    @ReqMeta() meta: RequestMeta,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.microsoft.callback(query, meta);
    if (outcome.token) setAdminCookie(res, outcome.token, this.config);
    res.redirect(302, outcome.redirect);
  }
}
