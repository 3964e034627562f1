import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type MetaWebhookJob, QUEUES, webhookEnvelopeSchema } from '@aerostic/shared';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { queueOptions } from '../common/queue/queue-connection';
import { InboundService } from './inbound.service';

/**
 * The only consumer of `meta-webhooks`, on a queue of its own so bulk work can never starve inbound messages.
 * A job that fails (database down) is retried whole by BullMQ; every write it makes is idempotent.
 */
@Injectable()
export class MetaWebhookConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetaWebhookConsumer.name);
  private worker?: Worker<MetaWebhookJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<MetaWebhookJob>(QUEUES.metaWebhooks, (job) => this.process(job), {
      ...queueOptions(this.config),
      concurrency: 48,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error({ err: error, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'Webhook job failed'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<MetaWebhookJob>): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(job.data.rawBody);
    } catch {
      throw new UnrecoverableError('Webhook body is not JSON');
    }
    const envelope = webhookEnvelopeSchema.safeParse(json);
    // A payload that is not a webhook envelope will never become one: keep it in the failed set for inspection.
    if (!envelope.success) throw new UnrecoverableError(`Not a Meta webhook envelope: ${envelope.error.message}`);
    await this.inbound.handle(envelope.data);
  }
}
