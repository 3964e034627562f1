import { Injectable } from '@nestjs/common';
import { type InvoiceActionInput, type InvoiceDto } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { type Invoice, toInvoiceDto } from '../../billing/invoices/invoice';
import { InvoicesService } from '../../billing/invoices/invoices.service';
import { NotFoundError } from '../../common/http/domain-error';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { Transactions } from '../../database/sql';
import { TenantsService } from '../../tenants/tenants.service';
import { type AdminPrincipal } from '../auth/admin-principal';

/** Invoices as platform admins handle them; every change is audited in the transaction that makes it. */
@Injectable()
export class AdminInvoicesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly invoices: InvoicesService,
    private readonly tenants: TenantsService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  async list(tenantId: string): Promise<InvoiceDto[]> {
    if (!(await this.tenants.findById(tenantId))) throw new NotFoundError('Workspace');
    return this.invoices.list(tenantId);
  }

  pdf(id: string): Promise<{ number: string; pdf: Buffer }> {
    return this.invoices.pdf(null, id);
  }

  async issue(
    admin: AdminPrincipal,
    tenantId: string,
    input: InvoiceActionInput,
    meta: RequestMeta,
  ): Promise<InvoiceDto> {
    if (!(await this.tenants.findById(tenantId))) throw new NotFoundError('Workspace');
    return this.audited(admin, meta, input, 'invoice.issued', () => this.invoices.issueNow(tenantId));
  }

  markPaid(admin: AdminPrincipal, id: string, input: InvoiceActionInput, meta: RequestMeta): Promise<InvoiceDto> {
    return this.audited(
      admin,
      meta,
      input,
      'invoice.marked_paid',
      async () => (await this.invoices.markPaid(id, 'bank_transfer'))!,
    );
  }

  void(admin: AdminPrincipal, id: string, input: InvoiceActionInput, meta: RequestMeta): Promise<InvoiceDto> {
    return this.audited(admin, meta, input, 'invoice.voided', () => this.invoices.void(id));
  }

  private audited(
    admin: AdminPrincipal,
    meta: RequestMeta,
    input: InvoiceActionInput,
    action: 'invoice.issued' | 'invoice.marked_paid' | 'invoice.voided',
    change: () => Promise<Invoice>,
  ): Promise<InvoiceDto> {
    return this.transactions.run(async () => {
      const invoice = await change();
      await this.auditLogs.recordByAdmin(admin, meta, action, {
        tenantId: invoice.tenantId,
        target: { type: 'invoice', id: invoice.id },
        reason: input.reason,
        metadata: { number: invoice.number, status: invoice.status, totalMinor: invoice.totalMinor },
      });
      return toInvoiceDto(invoice);
    });
  }
}
