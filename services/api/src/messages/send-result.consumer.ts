import { Inject, Injectable } from '@nestjs/common';
import { QUEUES, type SendResultJob } from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { GroupCommit } from '../common/queue/group-commit';
import { MessagesService } from './messages.service';

/**
 * Jobs each worker holds at once: the results arriving while a batch is written form the next one, so this bounds a
 * batch (a campaign's results arrive at the number's full rate).
 */
const CONCURRENCY = 64;
const WORKERS = 2;
const MAX_BATCH = 200;
const MAX_BATCHES_IN_FLIGHT = 2;

/**
 * The only consumer of `send-results`: the message-worker's outcome of each send finishes it here, written in
 * batches (group commit) so that a campaign's thousand results a second cost a few statements each.
 */
@Injectable()
export class SendResultConsumer extends QueueConsumer<typeof QUEUES.sendResults> {
  private readonly batches = new GroupCommit<SendResultJob>({
    batch: (results) => this.messages.recordSendResults(results),
    one: (result) => this.messages.recordSendResult(result),
    maxSize: MAX_BATCH,
    maxInFlight: MAX_BATCHES_IN_FLIGHT,
    onBatchFailed: (err, results) => this.logger.warn({ err, results }, 'Send results batch failed; one by one now'),
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly messages: MessagesService,
  ) {
    super(config, QUEUES.sendResults, {
      concurrency: CONCURRENCY,
      workers: WORKERS,
      // Results are written in batches that span tenants.
      acrossTenants: { result: 'send-results' },
    });
  }

  protected handlers(): JobHandlers<typeof QUEUES.sendResults> {
    return { result: (result) => this.batches.submit(result) };
  }
}
