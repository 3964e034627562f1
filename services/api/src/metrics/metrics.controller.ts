import { Controller, Get, Header, Headers, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { MetricsService } from './metrics.service';

/** Prometheus' scrape; not a user's route, so it stays out of the OpenAPI document. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /**
   * Sessions do not apply: the bearer METRICS_TOKEN does (docs/adr/0162). A StreamableFile keeps the content type
   * exactly Prometheus' (a string body would get a charset inserted before its version).
   */
  @Public()
  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.metrics.scrape(authorization)), {
      type: Registry.PROMETHEUS_CONTENT_TYPE,
    });
  }
}
