import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type QueueDefinition } from '@aerostic/shared';
import { createQueueWorker, type JobHandlers } from '@aerostic/shared/node';
import { type Worker } from 'bullmq';
import { type CrossTenantPath, TenantScope, type TenantScopeStore } from '../../database/tenant-scope';
import { type AppConfig } from '../config/app-config';
import { closeWithin, QUEUE_CLOSE_GRACE_MS } from './close-within';
import { logQueueErrors } from './log-queue-errors';
import { queueOptions } from './queue-connection';

/**
 * The API's consumer of a registered queue (another service's queue refuses to start): its BullMQ workers start once
 * the application has booted and close at shutdown, failures logged once each and Redis's errors once a minute.
 */
export abstract class QueueConsumer<Q extends QueueDefinition>
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  protected readonly logger: Logger;
  private readonly workers: Worker[] = [];
  private closing: { done: Promise<unknown>; startedAt: number } | null = null;

  protected constructor(
    private readonly config: AppConfig,
    private readonly definition: Q,
    /**
     * `workers` fetch in parallel (one fetches jobs one Redis round trip after the other); default 1. A job runs in
     * its payload's tenant scope (`tenantId`), or on the cross-tenant path `acrossTenants` names for its kind, or
     * else sees no tenant's rows (docs/adr/0204).
     */
    private readonly options: {
      concurrency: number;
      workers?: number;
      acrossTenants?: Partial<Record<keyof Q['jobs'], CrossTenantPath>>;
    },
  ) {
    this.logger = new Logger(new.target.name);
  }

  /** How each job of the queue is handled, once its payload passed the registry's schema. */
  protected abstract handlers(): JobHandlers<Q>;

  onApplicationBootstrap(): void {
    const { name } = this.definition;
    const count = this.options.workers ?? 1;
    for (let i = 1; i <= count; i++) {
      const worker = createQueueWorker('api', this.definition, this.scopedHandlers(), {
        ...queueOptions(this.config),
        concurrency: this.options.concurrency,
      });
      worker.on('failed', (job, err) =>
        this.logger.error({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, `${name} job failed`),
      );
      logQueueErrors(worker, `The ${name} worker${count > 1 ? ` ${i}` : ''}`, this.logger);
      this.workers.push(worker);
    }
  }

  private scopedHandlers(): JobHandlers<Q> {
    const handlers = this.handlers();
    const scoped = {} as JobHandlers<Q>;
    for (const name of Object.keys(handlers) as (keyof Q['jobs'])[]) {
      const handle = handlers[name];
      const path = this.options.acrossTenants?.[name];
      scoped[name] = (data, job, token) => TenantScope.run(scopeOf(path, data), () => handle(data, job, token));
    }
    return scoped;
  }

  /**
   * Every consumer starts closing here, before any waits: Nest runs each module's shutdown hooks after the previous
   * module's, so closing in onApplicationShutdown alone would add each consumer's grace to the next.
   */
  beforeApplicationShutdown(): void {
    this.startClosing();
  }

  async onApplicationShutdown(): Promise<void> {
    const { done, startedAt } = this.startClosing();
    const grace = Math.max(0, QUEUE_CLOSE_GRACE_MS - (Date.now() - startedAt));
    await closeWithin(done, `The ${this.definition.name} workers`, this.logger, grace);
  }

  private startClosing(): { done: Promise<unknown>; startedAt: number } {
    this.closing ??= { done: Promise.all(this.workers.map((worker) => worker.close())), startedAt: Date.now() };
    return this.closing;
  }
}

function scopeOf(path: CrossTenantPath | undefined, data: unknown): TenantScopeStore {
  if (path) return { crossTenant: path };
  const tenantId = typeof data === 'object' && data !== null && 'tenantId' in data ? data.tenantId : undefined;
  return typeof tenantId === 'string' ? { tenantId } : {};
}
