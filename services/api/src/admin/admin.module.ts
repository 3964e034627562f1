import { Module } from '@nestjs/common';
import { AdminAuthModule } from './auth/admin-auth.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({ imports: [AdminAuthModule] })
export class AdminModule {}
