import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { parse as parseCookie } from 'cookie';
import { type Server, type Socket } from 'socket.io';
import { AuthenticationRequiredError, SessionReplacedError } from '../auth/auth.errors';
import { type SessionChange, SessionChanges } from '../auth/session-changes';
import { SessionService } from '../auth/session.service';
import { DomainError } from '../common/http/domain-error';
import { type Principal } from '../common/tenant-context/principal';
import { PresenceService } from '../routing/presence/presence.service';
import { tenantAdminsRoom, tenantRoom } from './rooms';

const userRoom = (userId: string) => `user:${userId}`;
const tokenRoom = (tokenId: string) => `token:${tokenId}`;

/**
 * Sent before the server closes the connection of a session that a newer token replaced (a password change). The
 * connection is closed, not disconnected, so Socket.IO reconnects by itself with the token the client holds now:
 * the dashboard's new cookie is accepted, another device's old one gets `unauthorized`.
 */
export const SESSION_REPLACED_EVENT = 'session-replaced';

/** The longest delay setTimeout keeps; a token that lives longer is timed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Sockets re-checked together after a resync, so that thousands do not all wait on the database pool at once. */
const RECHECK_BATCH = 10;
/** After an unexpected failure of a re-check: not a verdict on the session, so the client tries again. */
const RECHECK_RETRY_SECONDS = 5;

interface LiveSession {
  token: string;
  expiry: NodeJS.Timeout;
}

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  const cookieHeader = socket.handshake.headers.cookie;
  return cookieHeader ? (parseCookie(cookieHeader)[AUTH_COOKIE_NAME] ?? null) : null;
}

/**
 * The live inbox: the handshake takes the REST API's token (`auth_token` cookie or `auth.token`) and a socket joins
 * only its tenant's room. Refused: `unauthorized`; not checkable (no Redis): `unavailable` with when to try again.
 * A socket lives no longer than its session (docs/adr/0100-live-sockets-end-with-their-session.md).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  private readonly server: Server | undefined;

  /** This instance's authenticated sockets, by socket id. */
  private readonly live = new Map<string, LiveSession>();
  /** Grows with each change heard, so that a handshake learns whether one arrived while it was being checked. */
  private changesHeard = 0;

  constructor(
    private readonly sessions: SessionService,
    private readonly changes: SessionChanges,
    private readonly presence: PresenceService,
  ) {}

  /** Sockets this process holds on the default namespace (a refused handshake is disconnected at once). */
  connectedSockets(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }

  onModuleInit(): void {
    this.changes.subscribe((change) => void this.onChange(change));
  }

  onModuleDestroy(): void {
    for (const session of this.live.values()) clearTimeout(session.expiry);
    this.live.clear();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const token = handshakeToken(socket);
    if (token === null) return this.refuse(socket, new AuthenticationRequiredError());
    const heard = this.changesHeard;
    let principal: Principal;
    try {
      principal = await this.sessions.authenticate(token);
    } catch (error) {
      return this.refuse(socket, error);
    }
    // The client left while its session was being checked.
    if (!socket.connected) return;
    socket.data = { principal };
    this.live.set(socket.id, { token, expiry: this.endAtExpiry(socket, principal.tokenExpiresAt) });
    await socket.join([
      tenantRoom(principal.tenantId),
      userRoom(principal.userId),
      tokenRoom(principal.tokenId),
      ...(principal.role === 'admin' ? [tenantAdminsRoom(principal.tenantId)] : []),
    ]);
    // A change heard during the check may have been made after the database was read: from now on the rooms find
    // this socket, so one more check closes the gap.
    if (this.changesHeard !== heard && !(await this.stillValid(socket))) return;
    // Before `ready`, so that a client that heard it is counted online.
    await this.presence
      .connected(principal.tenantId, principal.userId, socket.id)
      .catch((err: unknown) => this.logger.warn({ err }, 'Could not record a dashboard as connected'));
    if (!socket.connected) return this.leave(socket);
    socket.emit('ready', { tenantId: principal.tenantId, userId: principal.userId });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    clearTimeout(this.live.get(socket.id)?.expiry);
    this.live.delete(socket.id);
    await this.leave(socket);
  }

  /** The member's presence no longer counts this socket (docs/adr/0122). */
  private async leave(socket: Socket): Promise<void> {
    await this.presence
      .disconnected(socket.id)
      .catch((err: unknown) => this.logger.warn({ err }, 'Could not record a dashboard as gone'));
  }

  private async onChange(change: SessionChange): Promise<void> {
    this.changesHeard += 1;
    const namespace = this.server?.sockets;
    if (!namespace) return;
    const ids =
      change.kind === 'resync' ? [...this.live.keys()] : [...(namespace.adapter.rooms.get(this.roomOf(change)) ?? [])];
    for (let i = 0; i < ids.length; i += RECHECK_BATCH) {
      await Promise.all(
        ids.slice(i, i + RECHECK_BATCH).map((id) => {
          const socket = namespace.sockets.get(id);
          return socket && this.stillValid(socket);
        }),
      );
    }
  }

  private roomOf(change: Exclude<SessionChange, { kind: 'resync' }>): string {
    switch (change.kind) {
      case 'user':
        return userRoom(change.id);
      case 'tenant':
        return tenantRoom(change.id);
      case 'token':
        return tokenRoom(change.id);
    }
  }

  /** Checks a live socket's session again; ends the socket and answers false when the session is over. */
  private async stillValid(socket: Socket): Promise<boolean> {
    const session = this.live.get(socket.id);
    if (!session) return false;
    try {
      await this.sessions.recheck(session.token);
      return true;
    } catch (error) {
      if (!socket.connected) return false;
      if (error instanceof SessionReplacedError) {
        socket.emit(SESSION_REPLACED_EVENT, {
          message: 'This session was replaced by a newer sign-in (the password was changed): reconnecting',
        });
        socket.conn.close();
      } else if (error instanceof DomainError) {
        this.refuse(socket, error);
      } else {
        this.logger.error({ err: error }, 'Could not check a live socket’s session again');
        socket.emit('unavailable', {
          message: 'The live inbox could not check your session: reconnecting',
          retryAfterSeconds: RECHECK_RETRY_SECONDS,
        });
        socket.disconnect(true);
      }
      return false;
    }
  }

  private endAtExpiry(socket: Socket, expiresAtSeconds: number): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        const session = this.live.get(socket.id);
        if (!session) return;
        // A timer may fire a little early, and waits at most MAX_TIMER_MS: what is left is timed again.
        if (Date.now() < expiresAtSeconds * 1000) session.expiry = this.endAtExpiry(socket, expiresAtSeconds);
        else this.refuse(socket, new AuthenticationRequiredError('Your session has expired: sign in again'));
      },
      Math.min(Math.max(0, expiresAtSeconds * 1000 - Date.now()), MAX_TIMER_MS),
    );
    timer.unref();
    return timer;
  }

  private refuse(socket: Socket, error: unknown): void {
    if (error instanceof DomainError && error.kind === 'unavailable') {
      // Not a verdict on the session: the client tries again after the delay instead of giving up.
      socket.emit('unavailable', { message: error.message, retryAfterSeconds: error.retryAfterSeconds ?? 5 });
    } else {
      const message = error instanceof DomainError ? error.message : 'Authentication failed';
      if (!(error instanceof DomainError)) this.logger.error({ err: error }, 'Socket handshake failed');
      socket.emit('unauthorized', { message });
    }
    socket.disconnect(true);
  }
}
