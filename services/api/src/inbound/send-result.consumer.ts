import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES, type SendResultJob } from '@aerostic/shared';
import { type Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { closeWithin } from '../common/queue/close-within';
import { logQueueErrors } from '../common/queue/log-queue-errors';
import { queueOptions } from '../common/queue/queue-connection';
import { MessageRepository } from '../messages/message.repository';
import { RealtimeService } from '../realtime/realtime.service';
import { WhatsAppAccountRepository } from '../whatsapp/whatsapp-account.repository';
import { InboundRepository } from './inbound.repository';
import { ReactionTargets } from './reaction-targets';

/**
 * The only consumer of `send-results`: links the wamid Meta gave a send (and applies any status webhook or
 * reaction that arrived before it), or stores Meta's reason for a failure. Every step is idempotent.
 */
@Injectable()
export class SendResultConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SendResultConsumer.name);
  private worker?: Worker<SendResultJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessageRepository,
    private readonly inbound: InboundRepository,
    private readonly accounts: WhatsAppAccountRepository,
    private readonly realtime: RealtimeService,
    private readonly reactionTargets: ReactionTargets,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<SendResultJob>(QUEUES.sendResults, (job) => this.process(job), {
      ...queueOptions(this.config),
      concurrency: 8,
    });
    logQueueErrors(this.worker, 'The send-results worker', this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWithin(this.worker.close(), 'The send-results worker', this.logger);
  }

  async process(job: Job<SendResultJob>): Promise<void> {
    const result = job.data;
    if (result.outcome === 'accepted') {
      await this.inbound.linkSentWamid(result.tenantId, result.messageId, result.wamid);
      await this.inbound.applyRecordedStatuses(result.tenantId, result.wamid);
      // A reaction stored while the link was written was not seen by it (see InboundRepository.reapplyReactions).
      if (await this.reactionTargets.anyAnnounced([result.wamid])) await this.inbound.reapplyReactions([result.wamid]);
    } else {
      if (result.outcome === 'token-invalid') {
        const message = await this.messages.findById(result.tenantId, result.messageId);
        const conversation =
          message && (await this.inbound.conversationAccount(result.tenantId, message.conversationId));
        if (conversation)
          await this.accounts.update({ tenantId: result.tenantId, id: conversation }, { tokenStatus: 'invalid' });
        this.logger.warn(
          { messageId: result.messageId },
          'Meta refused the access token; the number is marked for reconnection',
        );
      }
      await this.messages.markFailed(result.tenantId, result.messageId, result.error);
    }
    const message = await this.messages.findById(result.tenantId, result.messageId);
    if (message) this.realtime.messageUpdated(message);
  }
}
