import type { WhatsAppAccountDto } from '@aerostic/shared';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import type { SummaryNames } from './rule-summary';

interface Targets {
  agents: ReadonlyArray<{ id: string; name: string }>;
  teams: ReadonlyArray<{ id: string; name: string }>;
}

/** Names for a rule's ids, from the workspace's members, teams and numbers. */
export function summaryNames(
  targets: Targets,
  accounts: ReadonlyArray<Pick<WhatsAppAccountDto, 'id' | 'displayPhoneNumber'>>,
): SummaryNames {
  const agents = new Map(targets.agents.map((a) => [a.id, a.name]));
  const teams = new Map(targets.teams.map((t) => [t.id, t.name]));
  const numbers = new Map(accounts.map((a) => [a.id, formatPhoneNumber(a.displayPhoneNumber)]));
  return { agent: (id) => agents.get(id), team: (id) => teams.get(id), number: (id) => numbers.get(id) };
}
