import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ReplySuggestionDto } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { AiService } from './ai.service';
import { IdParamDto } from './dto/ai.dto';

/** Any member working the inbox may ask for a draft; it is answered, never sent. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class ReplySuggestionsController {
  constructor(private readonly ai: AiService) {}

  @Post(':id/suggest-reply')
  @HttpCode(200)
  suggest(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<ReplySuggestionDto> {
    return this.ai.suggest(principal, params.id);
  }
}
