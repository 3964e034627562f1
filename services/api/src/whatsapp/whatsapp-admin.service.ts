import { Injectable } from '@nestjs/common';
import { type AdminWhatsAppAccountDto, type ListAdminWhatsAppAccountsQuery, type Page } from '@aerostic/shared';
import { type AdminPrincipal } from '../admin/auth/admin-principal';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { Transactions } from '../database/sql';
import { decodeAdminAccountCursor, encodeAdminAccountCursor } from './admin-account-cursor';
import { NumberHealthService } from './number-health.service';
import { toAdminWhatsAppAccountDto } from './whatsapp-account.mapper';
import { WhatsAppAccountRepository } from './whatsapp-account.repository';

/** The connected numbers of every workspace, as platform admins list and re-check them. */
@Injectable()
export class WhatsAppAdminService {
  constructor(
    private readonly accounts: WhatsAppAccountRepository,
    private readonly health: NumberHealthService,
    private readonly auditLogs: AuditLogsService,
    private readonly transactions: Transactions,
  ) {}

  async list(query: ListAdminWhatsAppAccountsQuery): Promise<Page<AdminWhatsAppAccountDto>> {
    const order = { sort: query.sort, order: query.order };
    const after = decodeAdminAccountCursor(query.cursor, order);
    const filter = { tokenStatus: query.tokenStatus, quality: query.quality, tenantId: query.tenantId };
    const rows = await this.accounts.listAdminPageAcrossTenants(filter, order, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toAdminWhatsAppAccountDto),
      nextCursor:
        rows.length > query.limit && last
          ? encodeAdminAccountCursor(order, { sortKey: last.sortKey, id: last.account.id })
          : null,
    };
  }

  /** A workspace's connected numbers with their health, for the admin view of that workspace. */
  async listForTenant(tenantId: string): Promise<AdminWhatsAppAccountDto[]> {
    return (await this.accounts.listAdminView(tenantId)).map(toAdminWhatsAppAccountDto);
  }

  /** Asks Meta about the number now and stores the answer; Meta being down is an answer too (`lastCheckError`). */
  async check(admin: AdminPrincipal, meta: RequestMeta, id: string): Promise<AdminWhatsAppAccountDto> {
    const account = await this.accounts.findConnectedWithTokenAcrossTenants(id);
    if (!account) throw new NotFoundError('WhatsApp number');
    const now = new Date();
    const verdict = await this.health.inspect(account, now);
    await this.transactions.run(async () => {
      const written = await this.health.record(account, verdict, now);
      await this.auditLogs.recordByAdmin(admin, meta, 'whatsapp.checked', {
        tenantId: account.tenantId,
        target: { type: 'whatsapp_account', id },
        metadata: {
          phoneNumberId: account.phoneNumberId,
          result: verdict.token?.status ?? 'failed',
          previousTokenStatus: account.tokenStatus,
          qualityRating: verdict.number?.qualityRating ?? null,
          error: verdict.problem,
          written,
        },
      });
    });
    const row = await this.accounts.findAdminViewAcrossTenants(id);
    if (!row) throw new NotFoundError('WhatsApp number');
    return toAdminWhatsAppAccountDto(row);
  }
}
