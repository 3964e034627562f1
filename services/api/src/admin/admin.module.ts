import { Module } from '@nestjs/common';
import { AdminAuthModule } from './auth/admin-auth.module';
import { AdminLimitsModule } from './limits/admin-limits.module';
import { AdminWhatsAppAccountsModule } from './whatsapp-accounts/admin-whatsapp-accounts.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({ imports: [AdminAuthModule, AdminLimitsModule, AdminWhatsAppAccountsModule] })
export class AdminModule {}
