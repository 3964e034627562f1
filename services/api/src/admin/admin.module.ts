import { Module } from '@nestjs/common';
import { AdminsModule } from './admins/admins.module';
import { AdminAuthModule } from './auth/admin-auth.module';
import { AdminLimitsModule } from './limits/admin-limits.module';
import { AdminWhatsAppAccountsModule } from './whatsapp-accounts/admin-whatsapp-accounts.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({ imports: [AdminAuthModule, AdminsModule, AdminLimitsModule, AdminWhatsAppAccountsModule] })
export class AdminModule {}
