import { Module } from '@nestjs/common';
import { createApiMetrics, createMetricsRegistry } from '@aerostic/shared/node';
import { type Registry } from 'prom-client';
import { AdminQueuesModule } from '../admin/queues/admin-queues.module';
import { PlatformQueues } from '../admin/queues/platform-queues';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { RealtimeModule } from '../realtime/realtime.module';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { API_METRICS, METRICS_REGISTRY } from './metrics.tokens';

/** `/metrics` for Prometheus: HTTP latency by route, the queues (read on each scrape) and the live sockets. */
@Module({
  imports: [AdminQueuesModule, RealtimeModule],
  controllers: [MetricsController],
  providers: [
    // A registry per application, so that several test apps in one process never share series.
    { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('api') },
    {
      provide: API_METRICS,
      inject: [METRICS_REGISTRY, PlatformQueues, RealtimeGateway],
      useFactory: (registry: Registry, queues: PlatformQueues, gateway: RealtimeGateway) =>
        createApiMetrics(registry, { queues: () => queues.health(), sockets: () => gateway.connectedSockets() }),
    },
    HttpMetrics,
    MetricsService,
  ],
  exports: [HttpMetrics],
})
export class MetricsModule {}
