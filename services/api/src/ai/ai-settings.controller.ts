import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AiSettingsDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { AiSettingsService } from './ai-settings.service';
import { AiSettingsDtoBody } from './dto/ai.dto';

/** Admins only: the settings decide what the AI tells customers and where conversations are sent. */
@ApiTags('automation')
@ApiBearerAuth()
@Controller('automation/ai')
@Roles('admin')
export class AiSettingsController {
  constructor(private readonly settings: AiSettingsService) {}

  @Get()
  get(@CurrentTenant() principal: Principal): Promise<AiSettingsDto> {
    return this.settings.get(principal);
  }

  /** `provider` omitted keeps the stored one; null goes back to the platform's; `apiKey` omitted keeps the key. */
  @Put()
  update(
    @CurrentTenant() principal: Principal,
    @Body() body: AiSettingsDtoBody,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AiSettingsDto> {
    return this.settings.update(principal, body, meta);
  }
}
