import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { Tenant } from '../database/entities';
import { TenantRepository } from './tenant.repository';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant]), AuditLogsModule],
  controllers: [TenantsController],
  providers: [TenantRepository, TenantsService],
  exports: [TenantRepository],
})
export class TenantsModule {}
