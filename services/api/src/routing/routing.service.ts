import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConversationsService } from '../conversations/conversations.service';
import { Transactions } from '../database/sql';
import { ConversationRouter, type RouteOutcome, type RouteRequest } from '../automation/ports';
import { PresenceService } from './presence/presence.service';
import { available, choose } from './routing-choice';
import { RoutingRepository } from './routing.repository';
import { type QueueStrategy, type Wait } from './routing.row';
import { RoutingSignals } from './signals/routing-signals';
import { TenantScope } from '../database/tenant-scope';

/** Waiting conversations looked at per pass; the rest wait for the next pass, which follows at once. */
const DRAIN_BATCH = 200;
/** How often each replica looks for tenants with waiting conversations, whatever signals it heard. */
export const ROUTING_SWEEP_MS = 15_000;

const NOBODY = 'Nobody is online with room under their capacity: it waits and goes to the first who is';
const NOBODY_IN_TEAM =
  'Nobody in the team is online with room under their capacity: it waits and goes to the first who is';

interface Assignment {
  conversationId: string;
  agentId: string;
}

/**
 * Who takes a conversation (docs/adr/0123): an online member under capacity, or it waits in arrival order. A tenant's
 * decisions are serialised by an advisory lock, and only an unassigned conversation is assigned, so never twice.
 */
@Injectable()
export class RoutingService extends ConversationRouter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoutingService.name);
  /** Tenants being drained by this process, and whether another signal arrived meanwhile. */
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly routing: RoutingRepository,
    private readonly conversations: ConversationsService,
    private readonly presence: PresenceService,
    private readonly signals: RoutingSignals,
  ) {
    super();
  }

  onModuleInit(): void {
    this.unsubscribe = this.signals.subscribe((tenantId) => void this.wake(tenantId));
    this.timer = setInterval(() => void this.sweep(), ROUTING_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.timer);
    await Promise.allSettled([...this.draining.values()].map((d) => d.done));
  }

  async route(request: RouteRequest): Promise<RouteOutcome> {
    const { tenantId, conversationId } = request;
    const teamId =
      request.teamId !== undefined && (await this.routing.teamExists(tenantId, request.teamId)) ? request.teamId : null;
    const changed = new Set<string>();
    const outcome = await this.transactions.run(async (): Promise<RouteOutcome> => {
      await this.routing.lockTenant(tenantId);
      const conversation = await this.conversations.get(tenantId, conversationId);
      // Never taken from whoever holds it: a second call (another replica, a retried job) finds it assigned.
      if (conversation.assigneeId !== null) return { assigned: true, agentId: conversation.assigneeId };
      if (conversation.status === 'resolved')
        return { assigned: false, reason: 'The conversation is resolved: nobody needs to take it' };
      if (teamId !== null && (await this.conversations.setTeam(tenantId, conversationId, teamId)))
        changed.add(conversationId);

      if (request.strategy === 'agent' && request.agentId !== undefined) {
        if (await this.conversations.assignIfUnassigned(tenantId, conversationId, request.agentId, teamId)) {
          await this.routing.recordTurn(tenantId, request.agentId);
          changed.add(conversationId);
          return { assigned: true, agentId: request.agentId };
        }
        // Not an active member (any more): the conversation is not left with nobody, it goes round robin.
      }
      const strategy: QueueStrategy = request.strategy === 'least_busy' ? 'least_busy' : 'round_robin';
      await this.routing.enqueue(tenantId, conversationId, strategy, teamId);
      const assignments = await this.drainLocked(tenantId);
      for (const a of assignments) changed.add(a.conversationId);
      const mine = assignments.find((a) => a.conversationId === conversationId);
      if (mine) return { assigned: true, agentId: mine.agentId };
      return { assigned: false, reason: (await this.routing.reasonOf(tenantId, conversationId)) ?? NOBODY };
    });
    await this.announce(tenantId, changed);
    return outcome;
  }

  /**
   * Assigns what waits in the tenant's queue now that someone may be available; coalesces signals that arrive while a
   * pass runs into one more pass.
   */
  wake(tenantId: string): Promise<void> {
    const running = this.draining.get(tenantId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: true, done: Promise.resolve() };
    // Woken by signals from anywhere (requests, inbound batches, sweeps): the pass runs in the tenant's own scope.
    state.done = TenantScope.forTenant(tenantId, async () => {
      try {
        while (state.again) {
          state.again = false;
          const assignments = await this.transactions.run(async () => {
            await this.routing.lockTenant(tenantId);
            return this.drainLocked(tenantId);
          });
          await this.announce(tenantId, new Set(assignments.map((a) => a.conversationId)));
          if (assignments.length >= DRAIN_BATCH) state.again = true;
        }
      } catch (err) {
        this.logger.error({ err, tenantId }, 'Routing waiting conversations failed; the next sweep tries again');
      } finally {
        this.draining.delete(tenantId);
      }
    });
    this.draining.set(tenantId, state);
    return state.done;
  }

  /** Every tenant with conversations waiting, in case a signal was missed (another replica, a crash). */
  async sweep(): Promise<void> {
    try {
      const waiting = await TenantScope.acrossTenants('sweeps', () => this.routing.tenantsWaitingAcrossTenants());
      for (const tenantId of waiting) await this.wake(tenantId);
    } catch (err) {
      this.logger.warn({ err }, 'The routing sweep failed; it runs again shortly');
    }
  }

  /** With the tenant's routing lock held: assigns waiting conversations in arrival order while someone is available. */
  private async drainLocked(tenantId: string): Promise<Assignment[]> {
    const waits = await this.routing.waiting(tenantId, DRAIN_BATCH);
    if (waits.length === 0) return [];
    const candidates = await this.routing.candidates(tenantId, [...(await this.presence.connectedUserIds(tenantId))]);
    const assignments: Assignment[] = [];
    for (const wait of waits) {
      // Assigned by hand or resolved meanwhile: nothing left to route.
      if (wait.assigneeId !== null || wait.status === 'resolved') {
        await this.routing.dequeue(tenantId, wait.conversationId);
        continue;
      }
      const agent = choose(wait.strategy, available(candidates, wait.teamId));
      if (!agent) {
        await this.keepWaiting(wait);
        continue;
      }
      if (await this.conversations.assignIfUnassigned(tenantId, wait.conversationId, agent.id, null)) {
        agent.open += 1;
        agent.turn = await this.routing.recordTurn(tenantId, agent.id);
        assignments.push({ conversationId: wait.conversationId, agentId: agent.id });
      } else {
        // The member was deactivated since the candidates were read.
        candidates.splice(candidates.indexOf(agent), 1);
        await this.keepWaiting(wait);
        continue;
      }
      await this.routing.dequeue(tenantId, wait.conversationId);
    }
    return assignments;
  }

  private async keepWaiting(wait: Wait): Promise<void> {
    const reason = wait.teamId === null ? NOBODY : NOBODY_IN_TEAM;
    if (wait.reason !== reason) await this.routing.setReason(wait.conversationId, reason);
  }

  /** Through the conversation's usual event, once committed. */
  private async announce(tenantId: string, conversationIds: ReadonlySet<string>): Promise<void> {
    for (const id of conversationIds) {
      await this.conversations
        .publish(tenantId, id)
        .catch((err: unknown) => this.logger.warn({ err, tenantId, id }, 'Could not announce a routed conversation'));
    }
  }
}
