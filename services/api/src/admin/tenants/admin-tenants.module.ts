import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { AuthModule } from '../../auth/auth.module';
import { TenantsModule } from '../../tenants/tenants.module';
import { UsersModule } from '../../users/users.module';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { AdminTenantsController } from './admin-tenants.controller';
import { AdminTenantsService } from './admin-tenants.service';
import { SuspensionFlagSync } from './suspension-flag-sync';

@Module({
  imports: [TenantsModule, UsersModule, WhatsAppModule, AuditLogsModule, AuthModule],
  controllers: [AdminTenantsController],
  providers: [AdminTenantsService, SuspensionFlagSync],
})
export class AdminTenantsModule {}
