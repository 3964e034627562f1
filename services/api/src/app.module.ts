import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import { AdminModule } from './admin/admin.module';
import { AiModule } from './ai/ai.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditLogsModule } from './audit-logs/audit-logs.module';
import { AuthModule } from './auth/auth.module';
import { AutomationModule } from './automation/automation.module';
import { BillingModule } from './billing/billing.module';
import { InvoicesModule } from './billing/invoices/invoices.module';
import { BillingJobsModule } from './billing/jobs/billing-jobs.module';
import { StripeModule } from './billing/stripe/stripe.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ClickToChatModule } from './click-to-chat/click-to-chat.module';
import { CampaignSendingModule } from './campaigns/sending/campaign-sending.module';
import { ConfigModule } from './common/config/config.module';
import { HttpExceptionFilter } from './common/http/http-exception.filter';
import { LoggingModule } from './common/logging/logging.module';
import { RedisModule } from './common/redis/redis.module';
import { ContactsModule } from './contacts/contacts.module';
import { DatabaseModule } from './database/database.module';
import { ConversationsModule } from './conversations/conversations.module';
import { HealthModule } from './health/health.module';
import { InboundModule } from './inbound/inbound.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { MediaModule } from './media/media.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { OverviewModule } from './overview/overview.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RoutingModule } from './routing/routing.module';
import { TemplatesModule } from './templates/templates.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsageReportModule } from './usage/usage-report.module';
import { UsersModule } from './users/users.module';
import { WhatsAppModule } from './whatsapp/whatsapp.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    RedisModule,
    DatabaseModule,
    AuthModule,
    TenantsModule,
    UsersModule,
    ContactsModule,
    AuditLogsModule,
    HealthModule,
    WhatsAppModule,
    RealtimeModule,
    ConversationsModule,
    AnalyticsModule,
    MessagesModule,
    BillingModule,
    MediaModule,
    InboundModule,
    ClickToChatModule,
    OverviewModule,
    TemplatesModule,
    CampaignsModule,
    AdminModule,
    CampaignSendingModule,
    AutomationModule,
    IntegrationsModule,
    AiModule,
    RoutingModule,
    InvoicesModule,
    StripeModule,
    BillingJobsModule,
    UsageReportModule,
    MetricsModule,
  ],
  providers: [
    // Every body, param and query is parsed by the zod schema of its DTO.
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
