import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { parse as parseCookie } from 'cookie';
import { type Socket } from 'socket.io';
import { SessionService } from '../auth/session.service';
import { DomainError } from '../common/http/domain-error';
import { tenantRoom } from './rooms';

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  const cookieHeader = socket.handshake.headers.cookie;
  return cookieHeader ? (parseCookie(cookieHeader)[AUTH_COOKIE_NAME] ?? null) : null;
}

/**
 * The live inbox. The handshake is authenticated with the same token as the REST API (the `auth_token` cookie,
 * or `auth.token`), and a socket joins only its own tenant's room. A refused handshake gets `unauthorized`; one
 * that could not be checked (Redis unreachable) gets `unavailable` with the seconds after which to try again.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(private readonly sessions: SessionService) {}

  async handleConnection(socket: Socket): Promise<void> {
    try {
      const principal = await this.sessions.authenticate(handshakeToken(socket));
      socket.data = { principal };
      await socket.join(tenantRoom(principal.tenantId));
      socket.emit('ready', { tenantId: principal.tenantId, userId: principal.userId });
    } catch (error) {
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
}
