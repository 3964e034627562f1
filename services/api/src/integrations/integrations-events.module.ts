import { Module } from '@nestjs/common';
import { RuleWebhooks } from '../automation/ports';
import { Clock, SystemClock } from '../common/clock/clock';
import { IntegrationRuleWebhooks } from './rule-webhooks';
import { WebhookEndpointsCache } from './webhook-endpoints-cache';
import { WebhookEvents } from './webhook-events';
import { WebhookQueue } from './webhook-queue';
import { WebhookRepository } from './webhook.repository';

/**
 * What other modules need of event webhooks: the emitter (messages, conversations, contacts) and the automation
 * port. Apart from IntegrationsModule so that importing it pulls in no controller or consumer.
 */
@Module({
  providers: [
    WebhookRepository,
    WebhookEndpointsCache,
    WebhookEvents,
    WebhookQueue,
    { provide: RuleWebhooks, useClass: IntegrationRuleWebhooks },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [WebhookEndpointsCache, WebhookEvents, WebhookQueue, RuleWebhooks, Clock],
})
export class IntegrationsEventsModule {}
