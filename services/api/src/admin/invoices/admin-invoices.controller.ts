import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { invoicePdfFile } from '../../billing/invoices/invoice-pdf';
import { type InvoiceDto } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { IdParamDto } from '../../users/dto/users.dto';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute, SuperAdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminInvoicesService } from './admin-invoices.service';
import { InvoiceActionDto } from './dto/admin-invoices.dto';

/** A workspace's invoices: every admin reads them; super admins issue, mark paid (bank transfer) and void, audited. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminInvoicesController {
  constructor(private readonly invoices: AdminInvoicesService) {}

  @Get('tenants/:id/invoices')
  @AdminRoute()
  list(@Param() params: IdParamDto): Promise<InvoiceDto[]> {
    return this.invoices.list(params.id);
  }

  /** Issues the current period's invoice at once, up to now; the period closes now (docs/adr/0136). */
  @Post('tenants/:id/invoices')
  @SuperAdminRoute()
  issue(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: InvoiceActionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<InvoiceDto> {
    return this.invoices.issue(admin, params.id, body, meta);
  }

  @Get('invoices/:id/pdf')
  @AdminRoute()
  @ApiProduces('application/pdf')
  async pdf(@Param() params: IdParamDto): Promise<StreamableFile> {
    return invoicePdfFile(await this.invoices.pdf(params.id));
  }

  @Post('invoices/:id/mark-paid')
  @SuperAdminRoute()
  @HttpCode(200)
  markPaid(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: InvoiceActionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<InvoiceDto> {
    return this.invoices.markPaid(admin, params.id, body, meta);
  }

  @Post('invoices/:id/void')
  @SuperAdminRoute()
  @HttpCode(200)
  void(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: InvoiceActionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<InvoiceDto> {
    return this.invoices.void(admin, params.id, body, meta);
  }
}
