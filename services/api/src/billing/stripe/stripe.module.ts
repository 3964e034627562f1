import { Module } from '@nestjs/common';
import { TenantsModule } from '../../tenants/tenants.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { StripeClient } from './stripe-client';
import { StripeController } from './stripe.controller';
import { StripeEventRepository } from './stripe-event.repository';
import { StripeService } from './stripe.service';

/** `/billing/checkout`, `/billing/portal` and `/billing/stripe/webhook`. */
@Module({
  imports: [InvoicesModule, TenantsModule],
  controllers: [StripeController],
  providers: [StripeClient, StripeEventRepository, StripeService],
  exports: [StripeService],
})
export class StripeModule {}
