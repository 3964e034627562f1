import { type TenantDto } from '@aerostic/shared';
import { type Tenant } from '../database/entities';

export function toTenantDto(tenant: Tenant): TenantDto {
  return {
    id: tenant.id,
    name: tenant.name,
    domain: tenant.domain,
    status: tenant.status,
    webhookUrl: tenant.webhookUrl,
    createdAt: tenant.createdAt.toISOString(),
  };
}
