import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { AdminAuthModule } from '../auth/admin-auth.module';
import { PlatformQueues } from './platform-queues';
import { QueueDashboard } from './queue-dashboard';

/** The platform's queues for admins: their figures (overview) and the bull-board dashboard. */
@Module({
  imports: [AdminAuthModule, AuditLogsModule],
  providers: [PlatformQueues, QueueDashboard],
  exports: [PlatformQueues, QueueDashboard],
})
export class AdminQueuesModule {}
