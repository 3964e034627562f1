import { Module } from '@nestjs/common';
import { RoutingSignals } from './routing-signals';

/** The in-process signal that waiting conversations may be assignable now; imported by whoever causes it. */
@Module({
  providers: [RoutingSignals],
  exports: [RoutingSignals],
})
export class RoutingSignalsModule {}
