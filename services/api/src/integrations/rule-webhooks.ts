import { Injectable } from '@nestjs/common';
import { RuleWebhooks, type RuleWebhookCall } from '../automation/ports';
import { WebhookEndpointsCache } from './webhook-endpoints-cache';
import { WebhookEvents } from './webhook-events';

/**
 * An automation rule's `call_webhook` (docs/adr/0120, 0141): an `automation.call_webhook` event to the endpoint the
 * action names, or to every enabled endpoint of the workspace when it names none.
 */
@Injectable()
export class IntegrationRuleWebhooks extends RuleWebhooks {
  constructor(
    private readonly cache: WebhookEndpointsCache,
    private readonly events: WebhookEvents,
  ) {
    super();
  }

  async hasEndpoint(tenantId: string, endpointId?: string): Promise<boolean> {
    const endpoints = await this.cache.enabled(tenantId);
    return endpointId ? endpoints.some((e) => e.id === endpointId) : endpoints.length > 0;
  }

  async deliver(call: RuleWebhookCall): Promise<string> {
    const endpoints = await this.cache.enabled(call.tenantId);
    const targets = endpoints.filter((e) => !call.endpointId || e.id === call.endpointId);
    if (targets.length === 0) return 'No enabled event webhook to call';
    const { tenantId, ...data } = call;
    await this.events.send(
      tenantId,
      targets.map((e) => e.id),
      'automation.call_webhook',
      { ...data },
    );
    return `Webhook queued to ${targets.map((e) => e.url).join(', ')}`;
  }
}
