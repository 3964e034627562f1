import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module';
import { Clock, SystemClock } from '../common/clock/clock';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { IntegrationsEventsModule } from '../integrations/integrations-events.module';
import { MessagesModule } from '../messages/messages.module';
import { RoutingModule } from '../routing/routing.module';
import { AutomationEngine } from './automation-engine';
import { AutomationQueueModule } from './automation-queue.module';
import { AutomationTriggers } from './automation-triggers';
import { AutomationConsumer } from './automation.consumer';
import { AutomationController } from './automation.controller';
import { AutomationRepository } from './automation.repository';
import { AutomationService } from './automation.service';
import { RuleActions } from './rule-actions';
import { RulesCache } from './rules-cache';

/**
 * Automation rules (docs/adr/0118): the only module that writes `automation_*` tables. Routing and AI replies come
 * through the ports in ports.ts, bound by the modules that implement them.
 */
@Module({
  imports: [
    AiModule,
    AutomationQueueModule,
    ContactsModule,
    ConversationsModule,
    IntegrationsEventsModule,
    MessagesModule,
    RoutingModule,
  ],
  controllers: [AutomationController],
  providers: [
    AutomationRepository,
    AutomationService,
    AutomationEngine,
    AutomationTriggers,
    AutomationConsumer,
    RuleActions,
    RulesCache,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AutomationTriggers],
})
export class AutomationModule {}
