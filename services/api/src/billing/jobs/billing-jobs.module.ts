import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { StripeModule } from '../stripe/stripe.module';
import { BillingConsumer } from './billing.consumer';
import { BillingQueue } from './billing-queue';

/** The `billing` queue: its hourly period-end sweep and its one consumer. */
@Module({
  imports: [InvoicesModule, StripeModule],
  providers: [BillingQueue, BillingConsumer],
})
export class BillingJobsModule {}
