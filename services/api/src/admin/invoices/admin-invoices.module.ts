import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { InvoicesModule } from '../../billing/invoices/invoices.module';
import { TenantsModule } from '../../tenants/tenants.module';
import { AdminInvoicesController } from './admin-invoices.controller';
import { AdminInvoicesService } from './admin-invoices.service';

/** `/admin/tenants/:id/invoices` and `/admin/invoices/:id/…`. */
@Module({
  imports: [InvoicesModule, TenantsModule, AuditLogsModule],
  controllers: [AdminInvoicesController],
  providers: [AdminInvoicesService],
})
export class AdminInvoicesModule {}
