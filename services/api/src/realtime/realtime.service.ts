import { Injectable } from '@nestjs/common';
import { WebSocketServer, WebSocketGateway } from '@nestjs/websockets';
import { type RealtimeEventName, type RealtimeEvents } from '@aerostic/shared';
import { type Server } from 'socket.io';
import { type Message } from '../database/entities';
import { toMessageDto } from '../messages/message.mapper';
import { tenantRoom } from './realtime.gateway';

/** Emits to every connected agent of a tenant, on every API instance (Redis adapter). */
@Injectable()
@WebSocketGateway()
export class RealtimeService {
  @WebSocketServer()
  private readonly server!: Server;

  emit<E extends RealtimeEventName>(tenantId: string, event: E, payload: RealtimeEvents[E]): void {
    this.server.to(tenantRoom(tenantId)).emit(event, payload);
  }

  /** `message.updated` with the message as it is now, to its workspace. */
  messageUpdated(message: Message): void {
    this.emit(message.tenantId, 'message.updated', {
      conversationId: message.conversationId,
      message: toMessageDto(message),
    });
  }
}
