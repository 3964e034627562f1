import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PresenceModule } from '../routing/presence/presence.module';
import { RealtimeGateway } from './realtime.gateway';

/** The socket gateway: authenticates each handshake and puts the socket in its tenant's room. */
@Module({
  imports: [AuthModule, PresenceModule],
  providers: [RealtimeGateway],
  // The metrics read its socket count.
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
