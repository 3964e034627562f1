import 'server-only';
import type { InvoiceDto } from '@aerostic/shared';
import { apiData } from './api';

/** A tenant's invoices, newest first. */
export function getTenantInvoices(tenantId: string): Promise<InvoiceDto[]> {
  return apiData<InvoiceDto[]>(`/admin/tenants/${encodeURIComponent(tenantId)}/invoices`);
}
