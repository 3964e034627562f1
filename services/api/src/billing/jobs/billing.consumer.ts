import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { QueueConsumer } from '../../common/queue/consumer';
import { InvoicesService } from '../invoices/invoices.service';
import { StripeService } from '../stripe/stripe.service';

/**
 * The only consumer of `billing`: one sweep at a time closes the periods that have ended, then sends the open invoices
 * of workspaces paying by card to Stripe.
 */
@Injectable()
export class BillingConsumer extends QueueConsumer<typeof QUEUES.billing> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly invoices: InvoicesService,
    private readonly stripe: StripeService,
  ) {
    super(config, QUEUES.billing, { concurrency: 1, acrossTenants: { periodEnd: 'billing' } });
  }

  protected handlers(): JobHandlers<typeof QUEUES.billing> {
    return {
      periodEnd: async () => {
        const closed = await this.invoices.closeDuePeriods();
        const sent = await this.stripe.sendInvoices();
        if (closed > 0 || sent > 0) this.logger.log({ closed, sent }, 'Subscription periods closed, invoices sent');
      },
    };
  }
}
