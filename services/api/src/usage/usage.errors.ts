import { DomainError } from '../common/http/domain-error';

const dollars = (micros: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(
    micros / 1_000_000,
  );

/** Marketing sends stop once this month's estimated Meta cost reached the workspace's monthly budget: 402. */
export class MetaBudgetExhaustedError extends DomainError {
  readonly kind = 'limit_reached';
  override readonly errorName = 'meta_budget_exhausted';
  override readonly extra: { budget: { monthlyMicros: number; spentMicros: number } };

  constructor(monthlyMicros: number, spentMicros: number) {
    super(metaBudgetExhaustedMessage(monthlyMicros, spentMicros));
    this.extra = { budget: { monthlyMicros, spentMicros } };
  }
}

/** Why marketing sends stopped, in words an admin can act on. */
export function metaBudgetExhaustedMessage(monthlyMicros: number, spentMicros: number): string {
  return (
    `The workspace's monthly Meta budget of ${dollars(monthlyMicros)} is used up (${dollars(spentMicros)} estimated ` +
    'this month): marketing templates and campaigns stop until next month or until an admin raises the budget on ' +
    'the Billing page. Service replies, utility and authentication templates still go out.'
  );
}
