import { Module } from '@nestjs/common';
import { RealtimeEventsModule } from '../../realtime/realtime-events.module';
import { RoutingSignalsModule } from '../signals/routing-signals.module';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';

/** Who has a dashboard connected, kept in Redis for every API replica; fed by the socket gateway. */
@Module({
  imports: [RealtimeEventsModule, RoutingSignalsModule],
  providers: [PresenceRepository, PresenceService],
  exports: [PresenceService],
})
export class PresenceModule {}
