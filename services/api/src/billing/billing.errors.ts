import { type PlanLimitExceededErrorBody, type PlanLimitExcess } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';

/** A plan change or plan edit that cannot be made as asked: the field named says what to change. */
export class InvalidPlanChangeError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.fields = { [field]: message };
  }
}

export class PlanCodeTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields: Record<string, string>;

  constructor(code: string) {
    const message = `Another plan has the code ${code}: choose another code`;
    super(message);
    this.fields = { code: message };
  }
}

export class NoScheduledChangeError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('No plan change is scheduled for the end of this period');
  }
}

const EXCESS_WORDING: Record<PlanLimitExcess['name'], { one: string; many: string; remedy: string }> = {
  agents: { one: 'agent', many: 'agents', remedy: 'Deactivate' },
  whatsappNumbers: { one: 'WhatsApp number', many: 'WhatsApp numbers', remedy: 'Disconnect' },
  contacts: { one: 'contact', many: 'contacts', remedy: 'Delete' },
};

const formatCount = new Intl.NumberFormat('en-US').format;

function counted(n: number, name: PlanLimitExcess['name']): string {
  return `${formatCount(n)} ${n === 1 ? EXCESS_WORDING[name].one : EXCESS_WORDING[name].many}`;
}

/** "You have 7 agents; Starter allows 5. Deactivate 2 agents first." for each limit the workspace exceeds. */
export function planLimitExceededMessage(planName: string, exceeded: readonly PlanLimitExcess[]): string {
  return exceeded
    .map(
      ({ name, used, max }) =>
        `You have ${counted(used, name)}; ${planName} allows ${formatCount(max)}. ` +
        `${EXCESS_WORDING[name].remedy} ${counted(used - max, name)} first.`,
    )
    .join(' ');
}

/** A downgrade refused because the workspace uses more than the smaller plan allows: 402 `plan_limit_exceeded`. */
export class PlanLimitExceededError extends DomainError {
  readonly kind = 'limit_reached';
  override readonly errorName: PlanLimitExceededErrorBody['error'] = 'plan_limit_exceeded';
  override readonly extra: Pick<PlanLimitExceededErrorBody, 'plan' | 'exceeded'>;

  constructor(plan: PlanLimitExceededErrorBody['plan'], exceeded: PlanLimitExcess[]) {
    super(planLimitExceededMessage(plan.name, exceeded));
    this.extra = { plan, exceeded };
  }
}
