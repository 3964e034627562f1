import { Module } from '@nestjs/common';
import { BillingCoreModule } from '../billing-core.module';
import { Clock, SystemClock } from '../../common/clock/clock';
import { TenantsModule } from '../../tenants/tenants.module';
import { UsersModule } from '../../users/users.module';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { InvoiceRepository } from './invoice.repository';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';
import { SubscriptionAccess } from './subscription-access';

/** Invoices: issued at each period's end (BillingJobsModule's sweep), listed and downloaded by admins. */
@Module({
  imports: [BillingCoreModule, TenantsModule, UsersModule, WhatsAppModule],
  controllers: [InvoicesController],
  providers: [{ provide: Clock, useClass: SystemClock }, InvoiceRepository, SubscriptionAccess, InvoicesService],
  exports: [InvoicesService, SubscriptionAccess],
})
export class InvoicesModule {}
