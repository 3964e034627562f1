import { Inject, Injectable, Logger } from '@nestjs/common';
import { type InvoiceDto, type InvoiceLineDto } from '@aerostic/shared';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { NotFoundError } from '../../common/http/domain-error';
import { Transactions } from '../../database/sql';
import { TenantsService } from '../../tenants/tenants.service';
import { UserAccountsService } from '../../users/user-accounts.service';
import { WhatsAppAccountsService } from '../../whatsapp/whatsapp-accounts.service';
import {
  INVOICE_DUE_DAYS,
  type Invoice,
  invoiceNumber,
  type NewInvoice,
  overageLines,
  priceIn,
  taxOf,
  toInvoiceDto,
} from './invoice';
import { InvoiceRepository } from './invoice.repository';
import { InvoiceTransitionError, NothingToInvoiceError, PlanNotPricedError } from './invoices.errors';
import { renderInvoicePdf } from './invoice-pdf';
import { type BillingSubscription, SubscriptionAccess } from './subscription-access';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Subscriptions closed per batch of the period-end sweep. */
const SWEEP_BATCH = 100;

/** One month later, the same day and time in UTC, clamped to the month's last day (31 Jan → 28/29 Feb). */
export function addMonth(date: Date): Date {
  const next = new Date(date);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return next;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Invoices: each subscription period closes into one invoice (docs/adr/0136) — the next period's plan, the closed
 * period's overage and the prorations waiting — and the subscription rolls on, in one transaction.
 */
@Injectable()
export class InvoicesService {
  private readonly logger = new Logger(InvoicesService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
    private readonly invoices: InvoiceRepository,
    private readonly subscriptions: SubscriptionAccess,
    private readonly tenants: TenantsService,
    private readonly users: UserAccountsService,
    private readonly numbers: WhatsAppAccountsService,
  ) {}

  /**
   * The period-end job: closes every period that has ended, each in its own transaction, so that one tenant's failure
   * (retried at the next run) holds up no other. Answers how many periods closed.
   */
  async closeDuePeriods(): Promise<number> {
    let closed = 0;
    const failed = new Set<string>();
    for (;;) {
      const due = (await this.subscriptions.dueTenants(this.clock.now(), SWEEP_BATCH + failed.size)).filter(
        (tenantId) => !failed.has(tenantId),
      );
      if (due.length === 0) return closed;
      for (const tenantId of due) {
        try {
          if (await this.closePeriod(tenantId, 'period_end')) closed++;
        } catch (err) {
          failed.add(tenantId);
          this.logger.error({ err, tenantId }, 'A subscription period could not be closed; the next run tries again');
        }
      }
    }
  }

  /** A super admin's invoice of the current period up to now: the period closes now (docs/adr/0136). */
  async issueNow(tenantId: string): Promise<Invoice> {
    const result = await this.closePeriod(tenantId, 'now');
    if (!result?.invoice) throw new NothingToInvoiceError('the period so far comes to 0');
    return result.invoice;
  }

  async list(tenantId: string): Promise<InvoiceDto[]> {
    return (await this.invoices.listForTenant(tenantId)).map(toInvoiceDto);
  }

  /** The invoice's PDF; `tenantId` null for platform admins, who see every tenant's. */
  async pdf(tenantId: string | null, id: string): Promise<{ number: string; pdf: Buffer }> {
    const invoice =
      tenantId === null ? await this.invoices.findAcrossTenants(id) : await this.invoices.findForTenant(tenantId, id);
    if (!invoice) throw new NotFoundError('Invoice');
    return { number: invoice.number, pdf: await renderInvoicePdf(invoice) };
  }

  /** The tenants' open invoices not yet sent to Stripe, oldest first. */
  unsentToStripe(tenantIds: readonly string[], limit: number): Promise<Omit<Invoice, 'lines'>[]> {
    return this.invoices.listOpenWithoutStripeInvoice(tenantIds, limit);
  }

  setStripeInvoiceId(id: string, stripeInvoiceId: string): Promise<void> {
    return this.invoices.setStripeInvoiceId(id, stripeInvoiceId);
  }

  findIdByStripeInvoice(stripeInvoiceId: string): Promise<string | null> {
    return this.invoices.findIdByStripeInvoice(stripeInvoiceId);
  }

  /** Across tenants, for platform admins. */
  async findAcrossTenants(id: string): Promise<Invoice> {
    const invoice = await this.invoices.findAcrossTenants(id);
    if (!invoice) throw new NotFoundError('Invoice');
    return invoice;
  }

  /**
   * Inside the caller's transaction (which audits it): an open invoice becomes paid. With `idempotent` (Stripe's
   * redelivered or late events), a paid or void invoice is left as it is instead of refused.
   */
  async markPaid(id: string, via: 'stripe' | 'bank_transfer', idempotent = false): Promise<Invoice | null> {
    const invoice = await this.invoices.findAcrossTenants(id, true);
    if (!invoice) {
      if (idempotent) return null;
      throw new NotFoundError('Invoice');
    }
    if (invoice.status !== 'open' && invoice.status !== 'draft') {
      if (idempotent) return invoice;
      throw new InvoiceTransitionError(invoice.number, invoice.status, 'mark paid');
    }
    await this.invoices.setStatus(id, 'paid', this.clock.now(), via);
    return (await this.invoices.findAcrossTenants(id))!;
  }

  /** Inside the caller's transaction (which audits it): an unpaid invoice is voided. */
  async void(id: string): Promise<Invoice> {
    const invoice = await this.invoices.findAcrossTenants(id, true);
    if (!invoice) throw new NotFoundError('Invoice');
    if (invoice.status !== 'open' && invoice.status !== 'draft') {
      throw new InvoiceTransitionError(invoice.number, invoice.status, 'void');
    }
    await this.invoices.setStatus(id, 'void', this.clock.now(), null);
    return (await this.invoices.findAcrossTenants(id))!;
  }

  /**
   * Closes the tenant's current period — at its end (`period_end`, only once it has ended) or now (`now`) — issuing
   * its invoice unless it comes to 0, and rolls the subscription on. The subscription's row lock, the conditional roll
   * and the (tenant, period start) key make a repeated or concurrent close do nothing; a crash rolls it all back.
   */
  private closePeriod(tenantId: string, mode: 'period_end' | 'now'): Promise<{ invoice: Invoice | null } | null> {
    return this.transactions.run(async () => {
      const subscription = await this.subscriptions.find(tenantId, true);
      if (!subscription) throw new NotFoundError('Subscription');
      const now = this.clock.now();
      const { currentPeriodStart: start, currentPeriodEnd: end } = subscription;
      if (mode === 'period_end' && end > now) return null;
      const closedEnd = mode === 'now' && now < end ? now : end;
      if (closedEnd <= start) throw new NothingToInvoiceError('the current period has only just started');
      if (await this.invoices.existsForPeriod(tenantId, start)) {
        throw new Error(`The period of ${tenantId} starting ${start.toISOString()} is invoiced but did not roll`);
      }

      // The roll decides the next period's plan (a downgrade, a trial's end); its price is billed in advance.
      const roll = await this.subscriptions.roll(tenantId, closedEnd);
      if (!roll) throw new Error(`The period of ${tenantId} starting ${start.toISOString()} did not roll`);
      const next = {
        planId: roll.subscription.plan.id,
        start: new Date(roll.subscription.currentPeriodStart),
        end: new Date(roll.subscription.currentPeriodEnd),
      };
      const id = randomUUID();
      const lines = [
        ...(await this.planLines(subscription, next)),
        ...(await this.invoices.claimAdjustments(tenantId, subscription.currency, closedEnd, id)).map(
          (adjustment): InvoiceLineDto => ({
            kind: 'proration',
            description: adjustment.description,
            quantity: 1,
            unitAmountMinor: adjustment.amountMinor,
            amountMinor: adjustment.amountMinor,
          }),
        ),
        ...(await this.overage(subscription, closedEnd)),
      ];
      const subtotalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
      let invoice: Invoice | null = null;
      if (subtotalMinor !== 0) {
        invoice = await this.issue({ id, subscription, start, end: closedEnd, lines, subtotalMinor, now });
      } else if (mode === 'now') {
        throw new NothingToInvoiceError('the period so far comes to 0');
      }
      return { invoice };
    });
  }

  private async issue(args: {
    id: string;
    subscription: BillingSubscription;
    start: Date;
    end: Date;
    lines: InvoiceLineDto[];
    subtotalMinor: number;
    now: Date;
  }): Promise<Invoice> {
    const { id, subscription, start, end, lines, subtotalMinor, now } = args;
    const tenant = await this.tenants.findById(subscription.tenantId);
    const year = now.getUTCFullYear();
    const taxRateBasisPoints = this.config.BILLING_TAX_RATE_BP;
    const taxMinor = taxOf(subtotalMinor, taxRateBasisPoints);
    const invoice: NewInvoice = {
      id,
      tenantId: subscription.tenantId,
      number: invoiceNumber(year, await this.invoices.nextNumber(year)),
      currency: subscription.currency,
      customerName: tenant?.name ?? subscription.tenantId,
      periodStart: start,
      periodEnd: end,
      issuedAt: now,
      dueAt: new Date(now.getTime() + INVOICE_DUE_DAYS * DAY_MS),
      lines,
      subtotalMinor,
      taxRateBasisPoints,
      taxMinor,
      totalMinor: subtotalMinor + taxMinor,
      sellerTaxId: this.config.BILLING_TAX_ID ?? null,
    };
    await this.invoices.insert(invoice);
    return (await this.invoices.findAcrossTenants(id))!;
  }

  /** The next period's plan, billed in advance (docs/adr/0136); a free plan adds no line. */
  private async planLines(
    subscription: BillingSubscription,
    next: { planId: string; start: Date; end: Date },
  ): Promise<InvoiceLineDto[]> {
    const plan =
      next.planId === subscription.plan.id ? subscription.plan : await this.subscriptions.findPlan(next.planId);
    if (!plan) throw new Error(`Plan ${next.planId} is missing`);
    const price = priceIn(plan.prices, subscription.currency);
    if (!price) throw new PlanNotPricedError(plan.name, subscription.currency);
    if (price.monthlyMinor === 0) return [];
    return [
      {
        kind: 'plan',
        description: `${plan.name} plan, ${day(next.start)} to ${day(next.end)}`,
        quantity: 1,
        unitAmountMinor: price.monthlyMinor,
        amountMinor: price.monthlyMinor,
      },
    ];
  }

  /** The closed period's usage beyond the plan it was on; a trial's period is free. */
  private async overage(subscription: BillingSubscription, end: Date): Promise<InvoiceLineDto[]> {
    if (subscription.status === 'trialing') return [];
    const price = priceIn(subscription.plan.prices, subscription.currency);
    if (!price) throw new PlanNotPricedError(subscription.plan.name, subscription.currency);
    const { tenantId, currentPeriodStart } = subscription;
    const usage = await this.invoices.periodUsage(tenantId, currentPeriodStart, end);
    const agents = await this.users.countActive(tenantId);
    const whatsappNumbers = await this.numbers.countConnected(tenantId);
    return overageLines(subscription.plan.quotas, price, { ...usage, agents, whatsappNumbers });
  }
}
