import { Controller, Get, Param, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type InvoiceDto } from '@aerostic/shared';
import { Roles } from '../../auth/roles.decorator';
import { CurrentTenant } from '../../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { IdParamDto } from '../../users/dto/users.dto';
import { invoicePdfFile } from './invoice-pdf';
import { InvoicesService } from './invoices.service';

/** The workspace's invoices: what it is billed is for its admins. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing/invoices')
@Roles('admin')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** Newest first. */
  @Get()
  list(@CurrentTenant() principal: Principal): Promise<InvoiceDto[]> {
    return this.invoices.list(principal.tenantId);
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  async pdf(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<StreamableFile> {
    return invoicePdfFile(await this.invoices.pdf(principal.tenantId, params.id));
  }
}
