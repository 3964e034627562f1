import { Module } from '@nestjs/common';
import { RealtimeService } from './realtime.service';

/**
 * Emitting to the tenants' rooms, for every module that writes what agents see. Apart from the gateway's module
 * (which authenticates sockets and so depends on auth), so that emitting never pulls auth into a module's imports.
 */
@Module({
  providers: [RealtimeService],
  exports: [RealtimeService],
})
export class RealtimeEventsModule {}
