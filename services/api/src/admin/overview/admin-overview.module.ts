import { Module } from '@nestjs/common';
import { MessagesModule } from '../../messages/messages.module';
import { TenantsModule } from '../../tenants/tenants.module';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { AdminQueuesModule } from '../queues/admin-queues.module';
import { AdminOverviewController } from './admin-overview.controller';
import { AdminOverviewService } from './admin-overview.service';

@Module({
  imports: [TenantsModule, MessagesModule, WhatsAppModule, AdminQueuesModule],
  controllers: [AdminOverviewController],
  providers: [AdminOverviewService],
})
export class AdminOverviewModule {}
