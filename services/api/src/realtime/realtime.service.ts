import { Injectable } from '@nestjs/common';
import { WebSocketServer, WebSocketGateway } from '@nestjs/websockets';
import { type RealtimeEventName, type RealtimeEvents } from '@aerostic/shared';
import { type Server } from 'socket.io';
import { tenantAdminsRoom, tenantRoom } from './rooms';

/** Emits to every connected agent of a tenant, on every API instance (Redis adapter). */
@Injectable()
@WebSocketGateway()
export class RealtimeService {
  @WebSocketServer()
  private readonly server!: Server;

  emit<E extends RealtimeEventName>(tenantId: string, event: E, payload: RealtimeEvents[E]): void {
    this.server.to(tenantRoom(tenantId)).emit(event, payload);
  }

  /** To the tenant's admins alone. */
  emitToAdmins<E extends RealtimeEventName>(tenantId: string, event: E, payload: RealtimeEvents[E]): void {
    this.server.to(tenantAdminsRoom(tenantId)).emit(event, payload);
  }
}
