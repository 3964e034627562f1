import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type AgentPresence, type PresenceDto } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';
import { reachRedis } from '../../common/redis/redis-unavailable';
import { RealtimeService } from '../../realtime/realtime.service';
import { RoutingSignals } from '../signals/routing-signals';
import { CONNECT_SCRIPT, DISCONNECT_SCRIPT, HEARTBEAT_MS, LAPSES_KEY, LIFETIME_MS, socketsKey } from './presence-keys';
import { PresenceRepository, type PresenceStatus } from './presence.repository';
import { TenantScope } from '../../database/tenant-scope';

interface LocalSocket {
  tenantId: string;
  userId: string;
}

/** Online: a dashboard connected and not set away; away: connected and set away; offline: no dashboard connected. */
export const presenceOf = (connected: boolean, status: PresenceStatus): AgentPresence =>
  connected ? status : 'offline';

/** At most this many lapsed connections are taken per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * Who has a dashboard connected, across API replicas (docs/adr/0122). Each replica registers its sockets in Redis
 * with a lifetime it renews every HEARTBEAT_MS; a replica that dies stops renewing, and any replica's sweep then
 * removes its sockets and announces who went offline. Every change of a member's presence is told to the tenant
 * (`presence.updated`), and one that may let routing assign waiting conversations is signalled.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  /** This replica's registered sockets, by socket id. */
  private readonly local = new Map<string, LocalSocket>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly realtime: RealtimeService,
    private readonly signals: RoutingSignals,
    private readonly statuses: PresenceRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopHeartbeat();
  }

  /** Stops renewing this replica's sockets, as a replica that dies does. */
  stopHeartbeat(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A dashboard socket of the member was authenticated. */
  async connected(tenantId: string, userId: string, socketId: string): Promise<void> {
    this.local.set(socketId, { tenantId, userId });
    const now = Date.now();
    const others = (await reachRedis(
      this.redis.eval(
        CONNECT_SCRIPT,
        2,
        socketsKey(tenantId),
        LAPSES_KEY,
        userId,
        socketId,
        now + LIFETIME_MS,
        now,
        tenantId,
      ),
    )) as number;
    // Gone while it was being registered: disconnected() found nothing to remove then.
    if (!this.local.has(socketId)) return this.remove(tenantId, userId, socketId);
    if (others === 0) await this.announce(tenantId, userId, true);
  }

  /** A socket closed; nothing for one that was never registered (refused at the handshake). */
  async disconnected(socketId: string): Promise<void> {
    const socket = this.local.get(socketId);
    if (!socket) return;
    this.local.delete(socketId);
    await this.remove(socket.tenantId, socket.userId, socketId);
  }

  /** Members of the tenant with at least one dashboard connected (away or not). */
  async connectedUserIds(tenantId: string): Promise<Set<string>> {
    const members = await reachRedis(this.redis.zrangebyscore(socketsKey(tenantId), `(${Date.now()}`, '+inf'));
    return new Set(members.map((m) => m.slice(0, m.indexOf('|'))));
  }

  async isConnected(tenantId: string, userId: string): Promise<boolean> {
    return (await this.connectedUserIds(tenantId)).has(userId);
  }

  /** The member chose a status: tells the tenant when their presence changes with it. */
  async statusChosen(
    tenantId: string,
    userId: string,
    before: PresenceStatus,
    after: PresenceStatus,
  ): Promise<PresenceDto> {
    const connected = await this.isConnected(tenantId, userId);
    const dto: PresenceDto = { userId, presence: presenceOf(connected, after), status: after };
    if (connected && before !== after) this.emit(tenantId, dto);
    return dto;
  }

  /** Renews this replica's sockets, then removes lapsed ones of any replica. Public for tests, which move time. */
  async tick(now = Date.now()): Promise<void> {
    try {
      await this.heartbeat(now);
      await this.sweep(now);
    } catch (err) {
      this.logger.warn({ err }, 'Presence heartbeat failed; sockets are renewed at the next one');
    }
  }

  private async heartbeat(now: number): Promise<void> {
    if (this.local.size === 0) return;
    const sockets = [...this.local.entries()];
    const pipeline = this.redis.pipeline();
    for (const [socketId, { tenantId, userId }] of sockets) {
      pipeline.zadd(socketsKey(tenantId), now + LIFETIME_MS, `${userId}|${socketId}`);
      pipeline.zadd(LAPSES_KEY, now + LIFETIME_MS, `${tenantId}|${userId}|${socketId}`);
    }
    const replies = (await pipeline.exec()) ?? [];
    // Re-added: a stalled replica's socket was swept (its member announced offline) and is back.
    for (const [i, [socketId, { tenantId, userId }]] of sockets.entries()) {
      if (replies[i * 2 + 1]?.[1] === 1 && this.local.has(socketId)) await this.announce(tenantId, userId, true);
    }
  }

  private async sweep(now: number): Promise<void> {
    const lapsed = await this.redis.zrangebyscore(LAPSES_KEY, '-inf', now, 'LIMIT', 0, SWEEP_BATCH);
    for (const member of lapsed) {
      const [tenantId = '', userId = '', socketId = ''] = member.split('|');
      if (this.local.has(socketId)) continue;
      await this.remove(tenantId, userId, socketId, now);
    }
  }

  private async remove(tenantId: string, userId: string, socketId: string, now = Date.now()): Promise<void> {
    const left = (await reachRedis(
      this.redis.eval(DISCONNECT_SCRIPT, 2, socketsKey(tenantId), LAPSES_KEY, userId, socketId, now, tenantId),
    )) as number;
    if (left === 0) await this.announce(tenantId, userId, false);
  }

  private async announce(tenantId: string, userId: string, connected: boolean): Promise<void> {
    // Reached from sockets, heartbeats and sweeps alike: the member's status is read in the tenant's scope.
    const status = await TenantScope.forTenant(tenantId, () => this.statuses.statusOf(tenantId, userId));
    if (status === null) return;
    this.emit(tenantId, { userId, presence: presenceOf(connected, status), status });
    if (connected && status === 'online') this.signals.capacityMayHaveFreed(tenantId);
  }

  private emit(tenantId: string, dto: PresenceDto): void {
    this.realtime.emit(tenantId, 'presence.updated', dto);
  }
}
