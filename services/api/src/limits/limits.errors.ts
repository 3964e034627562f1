import { BILLING_URL, type LimitName, type PlanLimitReachedErrorBody, type PlanLimitWayOut } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';

/** How each limit is named in a sentence, and what a workspace can do itself before asking support. */
const WORDING: Record<LimitName, { one: string; many: string; remedy: string }> = {
  agents: {
    one: 'agent',
    many: 'agents',
    remedy: 'Deactivate a member or revoke a pending invitation',
  },
  whatsappNumbers: {
    one: 'WhatsApp number',
    many: 'WhatsApp numbers',
    remedy: 'Disconnect a number you no longer use',
  },
  contacts: {
    one: 'contact',
    many: 'contacts',
    remedy: 'Delete contacts you no longer need',
  },
  outboundMessagesPerMonth: {
    one: 'outbound message a month',
    many: 'outbound messages a month',
    remedy: 'Wait for the new month (the count restarts on the 1st, in the workspace’s time zone)',
  },
  campaignRecipientsPerMonth: {
    one: 'campaign recipient a month',
    many: 'campaign recipients a month',
    remedy: 'Wait for the new month (the count restarts on the 1st, UTC)',
  },
  aiRepliesPerMonth: {
    one: 'AI reply a month',
    many: 'AI replies a month',
    remedy: 'Wait for the new month (the count restarts on the 1st, in the workspace’s time zone)',
  },
};

/** The plan that would lift the limit: its name and its quota (null: unlimited). */
export interface LimitUpgrade {
  planId: string;
  code: string;
  name: string;
  max: number | null;
}

const formatCount = new Intl.NumberFormat('en-US').format;

/** A remedy inside a sentence: its first letter lowered, the rest (UTC) kept. */
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

function counted(n: number, name: LimitName): string {
  return `${formatCount(n)} ${n === 1 ? WORDING[name].one : WORDING[name].many}`;
}

/**
 * The words of a refusal: the limit, its value and what to do; with what would fit when an action adds several. With
 * `upgrade`, the first way out is that plan on the Billing page; without, asking support.
 */
export function limitReachedMessage(
  name: LimitName,
  max: number,
  used: number,
  adding: number,
  upgrade: LimitUpgrade | null = null,
): string {
  const { remedy } = WORDING[name];
  const offer = upgrade
    ? `to ${upgrade.name} (${upgrade.max === null ? `unlimited ${WORDING[name].many}` : counted(upgrade.max, name)}) on the Billing page`
    : null;
  if (adding <= 1 || used >= max) {
    const prefix = `Your workspace has reached its limit of ${counted(max, name)}.`;
    return offer
      ? `${prefix} Upgrade ${offer}, or ${lowerFirst(remedy)}.`
      : `${prefix} ${remedy}, or ask Aerostic support to raise the limit.`;
  }
  const room = max - used;
  return (
    `This would add ${formatCount(adding)} new ${WORDING[name].many}, but your workspace's limit of ${counted(max, name)} leaves room for ` +
    `${formatCount(room)} more, so nothing was saved. Add at most ${formatCount(room)}; or ` +
    (offer
      ? `upgrade ${offer}, or ${lowerFirst(remedy)}.`
      : `${lowerFirst(remedy)}, or ask Aerostic support to raise the limit.`)
  );
}

/**
 * An action that would take the workspace over one of its limits: 402 with `limit_reached`, the figures, and the way
 * out (`upgrade`: the smallest active plan that fits, null when none does or an override sets the limit).
 */
export class LimitReachedError extends DomainError {
  readonly kind = 'limit_reached';
  override readonly errorName: PlanLimitReachedErrorBody['error'] = 'limit_reached';
  override readonly extra: Pick<PlanLimitReachedErrorBody, 'limit' | keyof PlanLimitWayOut>;

  constructor(name: LimitName, max: number, used: number, adding = 1, upgrade: LimitUpgrade | null = null) {
    super(limitReachedMessage(name, max, used, adding, upgrade));
    this.extra = {
      limit: { name, max, used },
      upgrade: upgrade && { planId: upgrade.planId, code: upgrade.code, name: upgrade.name },
      billingUrl: BILLING_URL,
    };
  }
}
