import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type InvoiceDto } from '@aerostic/shared';
import { Roles } from '../../auth/roles.decorator';
import { CurrentTenant } from '../../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { IdParamDto } from '../../users/dto/users.dto';
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
    const { number, pdf } = await this.invoices.pdf(principal.tenantId, params.id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${number}.pdf"`,
    });
  }
}
