import { type AdminTenantSummaryDto, type TenantDto } from '@aerostic/shared';
import { type Tenant } from '../database/entities';
import { type TenantSummaryRow } from './tenant.repository';

export function toTenantDto(tenant: Tenant): TenantDto {
  return {
    id: tenant.id,
    name: tenant.name,
    domain: tenant.domain,
    status: tenant.status,
    timeZone: tenant.timeZone,
    createdAt: tenant.createdAt.toISOString(),
  };
}

export function toAdminTenantSummaryDto(row: TenantSummaryRow): AdminTenantSummaryDto {
  const suspended = row.status === 'suspended';
  return {
    id: row.id,
    name: row.name,
    slug: row.domain,
    status: row.status,
    plan: row.plan,
    userCount: row.userCount,
    numberCount: row.numberCount,
    messagesThisMonth: row.messagesThisMonth,
    suspendedAt: suspended ? (row.suspendedAt?.toISOString() ?? null) : null,
    suspendedReason: suspended ? row.suspendedReason : null,
    createdAt: row.createdAt.toISOString(),
  };
}
