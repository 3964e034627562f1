import { Inject, Injectable } from '@nestjs/common';
import { QUEUES } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { QueueConsumer } from '../../common/queue/consumer';
import { InvoicesService } from './invoices.service';

/** The only consumer of `billing`: one sweep at a time closes the periods that have ended. */
@Injectable()
export class BillingConsumer extends QueueConsumer<typeof QUEUES.billing> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly invoices: InvoicesService,
  ) {
    super(config, QUEUES.billing, { concurrency: 1 });
  }

  protected handlers(): JobHandlers<typeof QUEUES.billing> {
    return {
      periodEnd: async () => {
        const closed = await this.invoices.closeDuePeriods();
        if (closed > 0) this.logger.log({ closed }, 'Subscription periods closed');
      },
    };
  }
}
