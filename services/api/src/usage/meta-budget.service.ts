import { Injectable, Logger } from '@nestjs/common';
import { type MetaBudgetDto, type MetaBudgetInput } from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { MailService } from '../mail/mail.service';
import { metaBudgetMail } from '../mail/mail-templates';
import { RealtimeService } from '../realtime/realtime.service';
import { MetaBudgetRepository } from './meta-budget.repository';
import { UsageService } from './usage.service';
import { MetaBudgetExhaustedError, metaBudgetExhaustedMessage } from './usage.errors';

/** From this share of the budget the admins are warned. */
const WARNING_SHARE = 0.8;

const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;

function stateOf(monthlyMicros: number | null, spentMicros: number): MetaBudgetDto['state'] {
  if (monthlyMicros === null) return 'ok';
  if (spentMicros >= monthlyMicros) return 'exhausted';
  return spentMicros >= monthlyMicros * WARNING_SHARE ? 'warning' : 'ok';
}

/**
 * The monthly Meta budget: its state, the admins' notices at 80 % and 100 % (once a month each), and the stop of
 * marketing sends once it is used up (docs/adr/0129).
 */
@Injectable()
export class MetaBudgetService {
  private readonly logger = new Logger(MetaBudgetService.name);

  constructor(
    private readonly budgets: MetaBudgetRepository,
    private readonly usage: UsageService,
    private readonly transactions: Transactions,
    private readonly auditLogs: AuditLogsService,
    private readonly realtime: RealtimeService,
    private readonly mail: MailService,
  ) {}

  async get(tenantId: string): Promise<MetaBudgetDto> {
    const [monthlyMicros, { metaCostMicros }] = await Promise.all([
      this.budgets.find(tenantId),
      this.usage.monthToDate(tenantId),
    ]);
    return { monthlyMicros, spentMicros: metaCostMicros, state: stateOf(monthlyMicros, metaCostMicros) };
  }

  async update(principal: Principal, input: MetaBudgetInput, meta: RequestMeta): Promise<MetaBudgetDto> {
    await this.transactions.run(async () => {
      const before = await this.budgets.find(principal.tenantId);
      await this.budgets.save(principal.tenantId, input.monthlyMicros);
      await this.auditLogs.recordBy(principal, meta, 'billing.budget_changed', {
        target: { type: 'tenant', id: principal.tenantId },
        metadata: { before: { monthlyMicros: before }, after: { monthlyMicros: input.monthlyMicros } },
      });
    });
    const budget = await this.get(principal.tenantId);
    // A budget lowered below what is spent already warns at once.
    await this.notify(principal.tenantId, budget);
    return budget;
  }

  /**
   * Refuses a marketing send (a MARKETING template, a campaign's step) once this month's estimated cost reached the
   * budget; service replies and other categories never ask.
   */
  async assertMarketingAllowed(tenantId: string): Promise<void> {
    const budget = await this.budgets.find(tenantId);
    if (budget === null) return;
    const { metaCostMicros } = await this.usage.monthToDate(tenantId);
    if (metaCostMicros >= budget) throw new MetaBudgetExhaustedError(budget, metaCostMicros);
  }

  /** Why marketing sends are stopped now, or null when they may go out. */
  async marketingStopReason(tenantId: string): Promise<string | null> {
    const budget = await this.budgets.find(tenantId);
    if (budget === null) return null;
    const { metaCostMicros } = await this.usage.monthToDate(tenantId);
    return metaCostMicros >= budget ? metaBudgetExhaustedMessage(budget, metaCostMicros) : null;
  }

  /** After a message's cost was counted: tells the admins once a month when the month crossed 80 % or 100 %. */
  async afterCostCounted(tenantId: string): Promise<void> {
    try {
      if ((await this.budgets.find(tenantId)) === null) return;
      await this.notify(tenantId, await this.get(tenantId));
    } catch (err) {
      // The status is stored; the next priced status sends the notice.
      this.logger.warn({ err, tenantId }, 'Meta budget notice not sent');
    }
  }

  private async notify(tenantId: string, budget: MetaBudgetDto): Promise<void> {
    if (budget.state === 'ok') return;
    const { month } = await this.usage.monthToDate(tenantId);
    const warned = await this.budgets.markNotified(tenantId, 'warned', month);
    const exhausted = budget.state === 'exhausted' && (await this.budgets.markNotified(tenantId, 'exhausted', month));
    if (warned || exhausted) this.realtime.emitToAdmins(tenantId, 'billing.budget', budget);
    // One mail per notice and month, as the realtime notice; both notices at once mail the stronger one.
    const notice = exhausted ? 'exhausted' : warned ? 'warning' : null;
    if (!notice || budget.monthlyMicros === null) return;
    await this.mail.alertAdmins(
      tenantId,
      `meta-budget-${notice}-${month}`,
      metaBudgetMail({
        state: notice,
        spent: usd(budget.spentMicros),
        budget: usd(budget.monthlyMicros),
        url: this.mail.appUrl('/dashboard/billing'),
      }),
    );
  }
}
