import { Injectable } from '@nestjs/common';
import { type WebhookDeliveryType } from '@aerostic/shared';
import { WebhookRepository } from './webhook.repository';
import { type WebhookEndpoint } from './webhook.row';

/**
 * How long a workspace's enabled endpoints are kept: the inbound path asks for every message, so most messages cost
 * no query. Changes made here invalidate at once; other API instances see them within this time.
 */
export const ENDPOINTS_CACHE_MS = 15_000;

/** Each workspace's enabled endpoints, kept briefly in memory (docs/adr/0141). */
@Injectable()
export class WebhookEndpointsCache {
  private readonly entries = new Map<string, { endpoints: Promise<WebhookEndpoint[]>; expiresAt: number }>();

  constructor(private readonly repository: WebhookRepository) {}

  /** The enabled endpoints of the workspace subscribed to `type`. */
  async subscribed(tenantId: string, type: WebhookDeliveryType): Promise<WebhookEndpoint[]> {
    const endpoints = await this.enabled(tenantId);
    return endpoints.filter((e) => (e.events as string[]).includes(type));
  }

  enabled(tenantId: string): Promise<WebhookEndpoint[]> {
    const now = Date.now();
    const cached = this.entries.get(tenantId);
    if (cached && cached.expiresAt > now) return cached.endpoints;
    const endpoints = this.repository
      .listEndpoints(tenantId)
      .then((all) => all.filter((e) => e.enabled))
      .catch((err: unknown) => {
        this.entries.delete(tenantId);
        throw err;
      });
    this.entries.set(tenantId, { endpoints, expiresAt: now + ENDPOINTS_CACHE_MS });
    return endpoints;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}
