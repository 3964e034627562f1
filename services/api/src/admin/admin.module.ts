import { Module } from '@nestjs/common';
import { AdminAuthModule } from './auth/admin-auth.module';
import { AdminWhatsAppAccountsModule } from './whatsapp-accounts/admin-whatsapp-accounts.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({ imports: [AdminAuthModule, AdminWhatsAppAccountsModule] })
export class AdminModule {}
