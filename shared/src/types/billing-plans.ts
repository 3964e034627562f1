import { type LimitReachedErrorBody } from './admin';
import { type ApiErrorBody } from './api';
import { type PlanDto, type PlanLimitWayOut } from './billing';

/** Where the dashboard's Billing page lives: the way out of a plan's limit points there. */
export const BILLING_URL = '/dashboard/billing';

/** A `402` when a limit stops an action: the figures, and the smallest active plan that would fit. */
export type PlanLimitReachedErrorBody = LimitReachedErrorBody & PlanLimitWayOut;

/** One limit the current usage exceeds in a smaller plan: why a downgrade is refused. */
export interface PlanLimitExcess {
  name: 'agents' | 'whatsappNumbers' | 'contacts';
  used: number;
  max: number;
}

/** `402 plan_limit_exceeded`: a downgrade refused because the workspace uses more than the smaller plan allows. */
export interface PlanLimitExceededErrorBody extends ApiErrorBody {
  error: 'plan_limit_exceeded';
  plan: Pick<PlanDto, 'id' | 'code' | 'name'>;
  exceeded: PlanLimitExcess[];
}
