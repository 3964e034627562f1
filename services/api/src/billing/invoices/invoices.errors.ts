import { type InvoiceStatus } from '@aerostic/shared';
import { DomainError } from '../../common/http/domain-error';

/** A status change the invoice's current status forbids (paying a void invoice, voiding a paid one). */
export class InvoiceTransitionError extends DomainError {
  readonly kind = 'conflict';

  constructor(number: string, from: InvoiceStatus, action: 'mark paid' | 'void') {
    const why: Record<InvoiceStatus, string> = {
      paid: action === 'void' ? 'it is paid; refund the payment and issue a new invoice instead' : 'it is paid already',
      void: action === 'void' ? 'it is void already' : 'it is void; issue a new invoice instead',
      draft: 'it is a draft',
      open: 'it is open',
    };
    super(`Invoice ${number} cannot be ${action === 'void' ? 'voided' : 'marked paid'}: ${why[from]}`);
  }
}

/** An invoice asked for now that would come to nothing, or a period with no time in it yet. */
export class NothingToInvoiceError extends DomainError {
  readonly kind = 'conflict';

  constructor(reason: string) {
    super(`Nothing to invoice: ${reason}`);
  }
}

/** A subscription whose plan has no price in the subscription's currency: a plan to fix, not a tenant's error. */
export class PlanNotPricedError extends DomainError {
  readonly kind = 'conflict';

  constructor(plan: string, currency: string) {
    super(`The plan ${plan} has no price in ${currency}: give it one in the admin panel's plans`);
  }
}
