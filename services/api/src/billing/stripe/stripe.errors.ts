import { DomainError } from '../../common/http/domain-error';

/** Online payment is not configured (no `STRIPE_SECRET_KEY`) or Stripe could not be reached. */
export class PaymentsUnavailableError extends DomainError {
  readonly kind = 'unavailable';

  constructor(reason: string) {
    super(`Online payment is unavailable: ${reason}`);
  }
}

/** A webhook whose `Stripe-Signature` does not verify against `STRIPE_WEBHOOK_SECRET` (or that has none). */
export class InvalidStripeSignatureError extends DomainError {
  readonly kind = 'invalid';

  constructor(reason: string) {
    super(`Stripe webhook refused: ${reason}`);
  }
}

/** The customer portal needs a Stripe customer, which the first checkout creates. */
export class NoStripeCustomerError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('This workspace has no card on file yet: subscribe through checkout first (POST /billing/checkout)');
  }
}

/** Checkout for a plan that costs nothing in the chosen currency. */
export class FreePlanCheckoutError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { planId: 'This plan is free: it needs no payment' };

  constructor() {
    super('This plan is free: it needs no payment');
  }
}
