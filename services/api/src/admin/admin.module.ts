import { Module } from '@nestjs/common';
import { AdminsModule } from './admins/admins.module';
import { AdminAuthModule } from './auth/admin-auth.module';
import { AdminLimitsModule } from './limits/admin-limits.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({ imports: [AdminAuthModule, AdminsModule, AdminLimitsModule] })
export class AdminModule {}
