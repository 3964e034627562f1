import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { AdminInvitationRepository } from '../auth/admin-invitation.repository';
import { PlatformAdminRepository } from '../auth/platform-admin.repository';
import { AdminsController } from './admins.controller';
import { AdminsService } from './admins.service';

@Module({
  imports: [AuditLogsModule],
  controllers: [AdminsController],
  providers: [AdminsService, PlatformAdminRepository, AdminInvitationRepository],
})
export class AdminsModule {}
