import { Inject, Injectable } from '@nestjs/common';
import { metricsAccess } from '@aerostic/shared/node';
import { type Registry } from 'prom-client';
import { AuthenticationRequiredError } from '../auth/auth.errors';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { NotFoundError } from '../common/http/domain-error';
import { METRICS_REGISTRY } from './metrics.tokens';

@Injectable()
export class MetricsService {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every series in Prometheus' text format, for a caller holding the token (docs/adr/0162). */
  async scrape(authorization: string | undefined): Promise<string> {
    const access = metricsAccess(authorization, this.config.METRICS_TOKEN, this.config.NODE_ENV);
    // Hidden: production without a token answers as if the route did not exist.
    if (access === 'hidden') throw new NotFoundError('GET /metrics');
    if (access === 'unauthorized') throw new AuthenticationRequiredError('A bearer METRICS_TOKEN is required');
    return this.registry.metrics();
  }
}
