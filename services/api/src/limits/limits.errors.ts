import { type LimitName, type LimitReachedErrorBody } from '@aerostic/shared';
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
};

const formatCount = new Intl.NumberFormat('en-US').format;

function counted(n: number, name: LimitName): string {
  return `${formatCount(n)} ${n === 1 ? WORDING[name].one : WORDING[name].many}`;
}

/** The words of a refusal: the limit, its value and what to do; with what would fit when an action adds several. */
export function limitReachedMessage(name: LimitName, max: number, used: number, adding: number): string {
  const { remedy } = WORDING[name];
  if (adding <= 1 || used >= max) {
    return `Your workspace has reached its limit of ${counted(max, name)}. ${remedy}, or ask Aerostic support to raise the limit.`;
  }
  const room = max - used;
  return (
    `This would add ${formatCount(adding)} new ${WORDING[name].many}, but your workspace's limit of ${counted(max, name)} leaves room for ` +
    `${formatCount(room)} more, so nothing was saved. Add at most ${formatCount(room)}; or ${remedy.toLowerCase()}, ` +
    `or ask Aerostic support to raise the limit.`
  );
}

/** An action that would take the workspace over one of its limits: 402 with `limit_reached` and the figures. */
export class LimitReachedError extends DomainError {
  readonly kind = 'limit_reached';
  override readonly errorName: LimitReachedErrorBody['error'] = 'limit_reached';
  override readonly extra: Pick<LimitReachedErrorBody, 'limit'>;

  constructor(name: LimitName, max: number, used: number, adding = 1) {
    super(limitReachedMessage(name, max, used, adding));
    this.extra = { limit: { name, max, used } };
  }
}
