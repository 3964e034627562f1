import { type PlatformAdminDto } from '@aerostic/shared';
import { type AdminAccount } from './platform-admin.repository';

export function toPlatformAdminDto(admin: AdminAccount): PlatformAdminDto {
  return {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    role: admin.role,
    status: admin.status,
    totpEnabled: admin.totpEnabled,
    lastLoginAt: admin.lastLoginAt?.toISOString() ?? null,
    createdAt: admin.createdAt.toISOString(),
  };
}
