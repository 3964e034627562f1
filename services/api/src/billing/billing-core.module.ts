import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '../common/clock/clock';
import { PlanRepository } from './plan.repository';
import { PlansService } from './plans.service';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Plans and subscriptions without their routes: imports nothing, so that the limits (which take a plan's quotas)
 * and the workspace sign-up (which starts a trial) can use it without a cycle. `BillingModule` re-exports it.
 */
@Module({
  providers: [
    PlanRepository,
    SubscriptionRepository,
    PlansService,
    SubscriptionsService,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [PlansService, SubscriptionsService],
})
export class BillingCoreModule {}
