import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BILLING_CURRENCIES,
  type BillingCurrency,
  type BillingRedirectDto,
  type CheckoutInput,
  type SubscriptionStatus,
} from '@aerostic/shared';
import type Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { NotFoundError } from '../../common/http/domain-error';
import { type Principal } from '../../common/tenant-context/principal';
import { Transactions } from '../../database/sql';
import { TenantsService } from '../../tenants/tenants.service';
import { priceIn } from '../invoices/invoice';
import { PlanNotPricedError } from '../invoices/invoices.errors';
import { InvoicesService } from '../invoices/invoices.service';
import { SubscriptionAccess } from '../invoices/subscription-access';
import { StripeClient } from './stripe-client';
import { StripeEventRepository } from './stripe-event.repository';
import {
  FreePlanCheckoutError,
  InvalidStripeSignatureError,
  NoStripeCustomerError,
  PaymentsUnavailableError,
} from './stripe.errors';

/** The metadata key of a Stripe invoice that names the Aerostic invoice it collects (docs/adr/0138). */
export const INVOICE_METADATA_KEY = 'aerostic_invoice_id';

/** Invoices sent to Stripe per run. */
const SEND_BATCH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stripe's subscription statuses as ours; the others (incomplete, paused) change nothing. */
const STATUS_FROM_STRIPE: Partial<Record<Stripe.Subscription.Status, Exclude<SubscriptionStatus, 'trialing'>>> = {
  active: 'active',
  trialing: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  canceled: 'canceled',
  incomplete_expired: 'canceled',
};

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** Online payment through Stripe: Checkout for the subscription, the customer portal for cards, and the webhooks. */
@Injectable()
export class StripeService {
  private readonly logger = new Logger(StripeService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stripe: StripeClient,
    private readonly transactions: Transactions,
    private readonly events: StripeEventRepository,
    private readonly subscriptions: SubscriptionAccess,
    private readonly invoices: InvoicesService,
    private readonly tenants: TenantsService,
  ) {}

  /** A Checkout Session that saves a card for the plan chosen in the currency; the plan applies once it completes. */
  async checkout(principal: Principal, input: CheckoutInput): Promise<BillingRedirectDto> {
    const plan = await this.subscriptions.findPlan(input.planId);
    if (!plan) throw new NotFoundError('Plan');
    const price = priceIn(plan.prices, input.currency);
    if (!price) throw new PlanNotPricedError(plan.name, input.currency);
    if (price.monthlyMinor === 0) throw new FreePlanCheckoutError();
    const customer = await this.customerOf(principal.tenantId);
    const metadata = { tenant_id: principal.tenantId, plan_id: plan.id, currency: input.currency };
    // Checkout saves the card only: every charge is one of our invoices, sent to Stripe (docs/adr/0138).
    const session = await this.call(() =>
      this.stripe.api.checkout.sessions.create({
        mode: 'setup',
        currency: input.currency.toLowerCase(),
        customer,
        client_reference_id: principal.tenantId,
        metadata,
        setup_intent_data: { metadata },
        success_url: `${this.config.APP_URL}/dashboard/billing?checkout=success`,
        cancel_url: `${this.config.APP_URL}/dashboard/billing?checkout=canceled`,
      }),
    );
    if (!session.url) throw new PaymentsUnavailableError('Stripe answered a session without a URL');
    return { url: session.url };
  }

  /** A customer portal session, where the workspace's admins manage cards and see Stripe's receipts. */
  async portal(principal: Principal): Promise<BillingRedirectDto> {
    const subscription = await this.subscriptions.find(principal.tenantId);
    if (!subscription?.stripeCustomerId) throw new NoStripeCustomerError();
    const customer = subscription.stripeCustomerId;
    const session = await this.call(() =>
      this.stripe.api.billingPortal.sessions.create({
        customer,
        return_url: `${this.config.APP_URL}/dashboard/billing`,
      }),
    );
    return { url: session.url };
  }

  /**
   * Sends each open invoice of a workspace paying by card to Stripe as a Stripe invoice (one item for our total, our id
   * in its metadata) and finalizes it, so that Stripe charges the card. Idempotency keys derived from our id make a
   * retry after a crash create nothing twice. One invoice's failure is logged and retried at the next run.
   */
  async sendInvoices(): Promise<number> {
    if (!this.stripe.configured) return 0;
    const customers = await this.subscriptions.stripeCustomers();
    if (customers.size === 0) return 0;
    let sent = 0;
    for (const invoice of await this.invoices.unsentToStripe([...customers.keys()], SEND_BATCH)) {
      const customer = customers.get(invoice.tenantId)!;
      const key = `aerostic-invoice-${invoice.id}`;
      const currency = invoice.currency.toLowerCase();
      try {
        const api = this.stripe.api;
        const created = await api.invoices.create(
          {
            customer,
            currency,
            collection_method: 'charge_automatically',
            auto_advance: true,
            description: `Aerostic invoice ${invoice.number}`,
            metadata: { [INVOICE_METADATA_KEY]: invoice.id },
          },
          { idempotencyKey: `${key}-create` },
        );
        await api.invoiceItems.create(
          {
            customer,
            invoice: created.id,
            currency,
            amount: invoice.totalMinor,
            description: `Invoice ${invoice.number}`,
          },
          { idempotencyKey: `${key}-item` },
        );
        await api.invoices.finalizeInvoice(created.id, {}, { idempotencyKey: `${key}-finalize` });
        await this.invoices.setStripeInvoiceId(invoice.id, created.id);
        sent++;
      } catch (err) {
        this.logger.warn(
          { err, invoice: invoice.number },
          'An invoice could not be sent to Stripe; the next run retries',
        );
      }
    }
    return sent;
  }

  /**
   * A webhook: verified over the raw body, then handled once per event id in one transaction with the claim of the
   * id, so a redelivered event does nothing and a failed one is retried whole by Stripe. Unknown types are ignored.
   */
  async webhook(rawBody: Buffer | undefined, signature: string | undefined): Promise<void> {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!secret) throw new InvalidStripeSignatureError('STRIPE_WEBHOOK_SECRET is not set');
    if (!rawBody || !signature) throw new InvalidStripeSignatureError('no body or no Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.constructEvent(rawBody, signature, secret);
    } catch (err) {
      throw new InvalidStripeSignatureError(err instanceof Error ? err.message : 'the signature does not verify');
    }
    await this.transactions.run(async () => {
      if (!(await this.events.claim(event.id, event.type))) return;
      await this.handle(event);
    });
  }

  private async handle(event: Stripe.Event): Promise<void> {
    switch (event.type) {
      case 'checkout.session.completed':
        return this.checkoutCompleted(event.data.object);
      case 'invoice.paid':
        return this.invoicePaid(event.data.object);
      case 'invoice.payment_failed':
        return this.setStatusOf(event.data.object.customer, null, 'past_due');
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const subscription = event.data.object;
        const status =
          event.type === 'customer.subscription.deleted' ? 'canceled' : STATUS_FROM_STRIPE[subscription.status];
        if (status) await this.setStatusOf(subscription.customer, subscription.id, status);
        return;
      }
      default:
        this.logger.debug({ type: event.type, id: event.id }, 'Stripe event ignored');
    }
  }

  private async checkoutCompleted(session: Stripe.Checkout.Session): Promise<void> {
    const tenantId = session.metadata?.tenant_id ?? session.client_reference_id;
    const planId = session.metadata?.plan_id;
    const currency = session.metadata?.currency as BillingCurrency | undefined;
    const customerId = idOf(session.customer);
    if (!tenantId || !planId || !currency || !BILLING_CURRENCIES.includes(currency) || !customerId) {
      this.logger.warn({ session: session.id }, 'A completed checkout without our metadata was ignored');
      return;
    }
    if (!(await this.subscriptions.find(tenantId))) return;
    // In the webhook's transaction: the chosen plan, then its first month invoiced at once (charged at the next send).
    await this.subscriptions.chooseStripePlan(tenantId, { planId, currency, customerId });
    await this.invoices.issueNow(tenantId);
  }

  private async invoicePaid(stripeInvoice: Stripe.Invoice): Promise<void> {
    const named = stripeInvoice.metadata?.[INVOICE_METADATA_KEY];
    const invoiceId =
      named && UUID.test(named) ? named : await this.invoices.findIdByStripeInvoice(stripeInvoice.id ?? '');
    if (invoiceId) await this.invoices.markPaid(invoiceId, 'stripe', true);
    const tenantId = await this.subscriptions.findTenantByStripe({ customerId: idOf(stripeInvoice.customer) });
    const subscription = tenantId ? await this.subscriptions.find(tenantId) : null;
    if (subscription?.status === 'past_due') await this.subscriptions.setStatus(subscription.tenantId, 'active');
  }

  private async setStatusOf(
    customer: string | { id: string } | null,
    subscriptionId: string | null,
    status: Exclude<SubscriptionStatus, 'trialing'>,
  ): Promise<void> {
    const tenantId = await this.subscriptions.findTenantByStripe({ customerId: idOf(customer), subscriptionId });
    if (tenantId) await this.subscriptions.setStatus(tenantId, status);
  }

  /** The workspace's Stripe customer, created (and kept) at its first checkout. */
  private async customerOf(tenantId: string): Promise<string> {
    const subscription = await this.subscriptions.find(tenantId);
    if (!subscription) throw new NotFoundError('Subscription');
    if (subscription.stripeCustomerId) return subscription.stripeCustomerId;
    const tenant = await this.tenants.findById(tenantId);
    const customer = await this.call(() =>
      this.stripe.api.customers.create({ name: tenant?.name, metadata: { tenant_id: tenantId } }),
    );
    await this.subscriptions.setStripeCustomer(tenantId, customer.id);
    return customer.id;
  }

  /** A Stripe call; Stripe unreachable or refusing answers 503 naming why, never a bare 500. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof PaymentsUnavailableError) throw err;
      this.logger.warn({ err }, 'A Stripe call failed');
      throw new PaymentsUnavailableError(err instanceof Error ? err.message : 'Stripe could not be reached');
    }
  }
}
