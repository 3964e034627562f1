import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type MetaRateDto } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { MetaRateCardBodyDto } from '../../usage/dto/usage.dto';
import { type AdminPrincipal } from '../auth/admin-principal';
import { SuperAdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminRateCardService } from './admin-rate-card.service';

/** Meta's rate card, which prices every billable message's estimated cost: super admins read and replace it. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/rate-card')
export class AdminRateCardController {
  constructor(private readonly rateCard: AdminRateCardService) {}

  @Get()
  @SuperAdminRoute()
  list(): Promise<MetaRateDto[]> {
    return this.rateCard.list();
  }

  /** Replaces the whole card; messages priced before keep their cost. */
  @Put()
  @SuperAdminRoute()
  replace(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: MetaRateCardBodyDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MetaRateDto[]> {
    return this.rateCard.replace(admin, body.rates, meta);
  }
}
