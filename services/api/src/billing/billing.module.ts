import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { Clock, SystemClock } from '../common/clock/clock';
import { ContactsModule } from '../contacts/contacts.module';
import { LimitsModule } from '../limits/limits.module';
import { UsersModule } from '../users/users.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { BillingAdjustmentRepository } from './billing-adjustment.repository';
import { BillingController } from './billing.controller';
import { BillingCoreModule } from './billing-core.module';
import { PlanChangesService } from './plan-changes.service';
import { PlanRepository } from './plan.repository';
import { SubscriptionRepository } from './subscription.repository';

/**
 * Plans, subscriptions and plan changes (issue 19): the only module that writes `plans`, `subscriptions` and
 * `billing_adjustments`. Exports `PlansService` and `SubscriptionsService` (through `BillingCoreModule`) to the
 * invoices module, which reads subscriptions and moves them at each period's end and on Stripe's webhooks.
 */
@Module({
  imports: [BillingCoreModule, AuditLogsModule, ContactsModule, LimitsModule, UsersModule, WhatsAppModule],
  controllers: [BillingController],
  providers: [
    PlanRepository,
    SubscriptionRepository,
    BillingAdjustmentRepository,
    PlanChangesService,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [BillingCoreModule],
})
export class BillingModule {}
