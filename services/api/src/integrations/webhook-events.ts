import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type WebhookDeliveryType, type WebhookEventBody, type WebhookEventType } from '@aerostic/shared';
import { Clock } from '../common/clock/clock';
import { WebhookEndpointsCache } from './webhook-endpoints-cache';
import { WebhookQueue } from './webhook-queue';
import { WebhookRepository } from './webhook.repository';
import { type WebhookDelivery } from './webhook.row';

/** Deliveries are retried this long after their event (or after a "send again"). */
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/**
 * The id of the one event `type` has for `subject` (a conversation's creation, a contact's state): the same event
 * emitted twice is delivered once, as deliveries are unique per endpoint and event id.
 */
export function stableEventId(type: WebhookEventType, subject: string): string {
  const hex = createHash('sha256').update(`${type}\n${subject}`).digest('hex');
  // Shaped as a version 5 UUID (the column is a uuid), from SHA-256 rather than SHA-1.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Where the other modules hand their events: queues one delivery per subscribed endpoint, never an HTTP call inline,
 * so a slow receiver cannot hold the path that emitted it.
 */
@Injectable()
export class WebhookEvents {
  private readonly logger = new Logger(WebhookEvents.name);

  constructor(
    private readonly cache: WebhookEndpointsCache,
    private readonly repository: WebhookRepository,
    private readonly queue: WebhookQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues the event for the workspace's endpoints subscribed to it. Never throws: a failure is logged, and the
   * caller's own work (storing a message) has already happened. `eventId` makes a repeated emit a no-op.
   */
  async emit(tenantId: string, type: WebhookEventType, data: Record<string, unknown>, eventId?: string): Promise<void> {
    try {
      const endpoints = await this.cache.subscribed(tenantId, type);
      if (endpoints.length === 0) return;
      await this.send(
        tenantId,
        endpoints.map((e) => e.id),
        type,
        data,
        eventId,
      );
    } catch (err) {
      this.logger.error({ err, tenantId, type }, 'An event webhook was not queued');
    }
  }

  /** Whether any endpoint of the workspace takes `type`: spares building an event nobody receives. Never throws. */
  async wanted(tenantId: string, type: WebhookEventType): Promise<boolean> {
    try {
      return (await this.cache.subscribed(tenantId, type)).length > 0;
    } catch (err) {
      this.logger.error({ err, tenantId, type }, 'The event webhook endpoints could not be read');
      return false;
    }
  }

  /** Queues one event to the endpoints named (a test event, a rule's call), whatever they subscribe to. */
  async send(
    tenantId: string,
    endpointIds: readonly string[],
    type: WebhookDeliveryType,
    data: Record<string, unknown>,
    eventId: string = randomUUID(),
  ): Promise<WebhookDelivery[]> {
    const now = this.clock.now();
    const event: WebhookEventBody = { id: eventId, type, createdAt: now.toISOString(), tenantId, data };
    const deliveries = await this.repository.createDeliveries(
      tenantId,
      endpointIds,
      event,
      new Date(now.getTime() + RETRY_WINDOW_MS),
    );
    await Promise.all(deliveries.map((d) => this.queue.attempt(tenantId, d.id, 0)));
    return deliveries;
  }
}
