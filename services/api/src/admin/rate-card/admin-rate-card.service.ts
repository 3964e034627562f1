import { Injectable } from '@nestjs/common';
import { type MetaRateDto } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { Transactions } from '../../database/sql';
import { MetaRatesService } from '../../usage/meta-rates.service';
import { type AdminPrincipal } from '../auth/admin-principal';

/** The rate card as super admins change it: each replacement audited with the card before and after. */
@Injectable()
export class AdminRateCardService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rates: MetaRatesService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  list(): Promise<MetaRateDto[]> {
    return this.rates.list();
  }

  async replace(admin: AdminPrincipal, rates: readonly MetaRateDto[], meta: RequestMeta): Promise<MetaRateDto[]> {
    await this.transactions.run(async () => {
      const before = await this.rates.replace(rates);
      await this.auditLogs.recordByAdmin(admin, meta, 'rate_card.changed', { metadata: { before, after: rates } });
    });
    return this.rates.list();
  }
}
