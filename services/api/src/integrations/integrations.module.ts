import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { SecretBox } from '../common/crypto/secret-box';
import { MailModule } from '../mail/mail.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { IntegrationsEventsModule } from './integrations-events.module';
import { LegacySecrets } from './legacy-secrets';
import { WebhookClient } from './webhook-client';
import { WEBHOOK_CLIENT, WebhookDelivery } from './webhook-delivery';
import { WebhookRetention } from './webhook-retention';
import { WebhookConsumer } from './webhook.consumer';
import { WebhookRepository } from './webhook.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Event webhooks (issue 20, docs/adr/0141): the only module that writes `webhook_*` tables. */
@Module({
  imports: [IntegrationsEventsModule, RealtimeEventsModule, MailModule],
  controllers: [WebhooksController],
  providers: [
    // Stateless: a second instance here keeps the repository out of the events module's exports.
    WebhookRepository,
    WebhooksService,
    WebhookDelivery,
    WebhookRetention,
    LegacySecrets,
    WebhookConsumer,
    SecretBox,
    {
      provide: WEBHOOK_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WebhookClient(config.NODE_ENV === 'production'),
    },
  ],
})
export class IntegrationsModule {}
