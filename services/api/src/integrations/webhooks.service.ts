import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CreatedWebhookEndpointDto,
  type CreateWebhookEndpointBody,
  type UpdateWebhookEndpointBody,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
} from '@aerostic/shared';
import { Clock } from '../common/clock/clock';
import { SecretBox } from '../common/crypto/secret-box';
import { NotFoundError } from '../common/http/domain-error';
import { type Principal } from '../common/tenant-context/principal';
import { WebhookEndpointsCache } from './webhook-endpoints-cache';
import { RETRY_WINDOW_MS, WebhookEvents } from './webhook-events';
import { WebhookQueue } from './webhook-queue';
import { toDeliveryDto, toEndpointDto } from './webhook.mapper';
import { WebhookRepository } from './webhook.repository';

/** The newest deliveries the log shows. */
const DELIVERY_LOG_SIZE = 100;

/** A workspace's event webhook endpoints and their delivery log (issue 20). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhookRepository,
    private readonly cache: WebhookEndpointsCache,
    private readonly events: WebhookEvents,
    private readonly queue: WebhookQueue,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** The secret is answered here only; it is kept sealed, to sign with. */
  async create(principal: Principal, body: CreateWebhookEndpointBody): Promise<CreatedWebhookEndpointDto> {
    const secret = `whsec_${randomBytes(24).toString('hex')}`;
    const endpoint = await this.repository.createEndpoint(principal.tenantId, {
      url: body.url,
      events: body.events,
      secretSealed: this.secrets.seal(secret),
    });
    this.cache.invalidate(principal.tenantId);
    return { ...toEndpointDto(endpoint), secret };
  }

  async list(principal: Principal): Promise<WebhookEndpointDto[]> {
    return (await this.repository.listEndpoints(principal.tenantId)).map(toEndpointDto);
  }

  async update(principal: Principal, id: string, body: UpdateWebhookEndpointBody): Promise<WebhookEndpointDto> {
    const endpoint = await this.repository.updateEndpoint(principal.tenantId, id, body);
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    this.cache.invalidate(principal.tenantId);
    return toEndpointDto(endpoint);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.deleteEndpoint(principal.tenantId, id))) throw new NotFoundError('Webhook endpoint');
    this.cache.invalidate(principal.tenantId);
  }

  async deliveries(principal: Principal, id: string): Promise<WebhookDeliveryDto[]> {
    await this.endpoint(principal, id);
    return (await this.repository.listDeliveries(principal.tenantId, id, DELIVERY_LOG_SIZE)).map(toDeliveryDto);
  }

  /** A `webhook.test` event to this endpoint, whatever it subscribes to. */
  async sendTest(principal: Principal, id: string): Promise<WebhookDeliveryDto> {
    await this.endpoint(principal, id);
    const [delivery] = await this.events.send(principal.tenantId, [id], 'webhook.test', {
      message: 'A test event sent from the dashboard',
    });
    return toDeliveryDto(delivery!);
  }

  /** "Send again": the same event (same id, so the receiver can deduplicate), retried for another 24 hours. */
  async retry(principal: Principal, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const found = await this.repository.findDelivery(principal.tenantId, deliveryId);
    if (found?.endpointId !== id) throw new NotFoundError('Webhook delivery');
    const until = new Date(this.clock.now().getTime() + RETRY_WINDOW_MS);
    const delivery = await this.repository.reopenDelivery(principal.tenantId, deliveryId, until);
    if (!delivery) throw new NotFoundError('Webhook delivery');
    await this.queue.attempt(principal.tenantId, delivery.id, delivery.attempts);
    return toDeliveryDto(delivery);
  }

  private async endpoint(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.findEndpoint(principal.tenantId, id))) throw new NotFoundError('Webhook endpoint');
  }
}
