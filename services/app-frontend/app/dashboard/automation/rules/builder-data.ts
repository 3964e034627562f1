import 'server-only';
import type { Named } from '@/components/automation/rule-condition-fields';
import { listRoutingTargets, listTemplateChoices } from '@/lib/automation/automation-api';
import type { TemplateChoice } from '@/lib/automation/rule-draft';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';

export interface BuilderData {
  templates: TemplateChoice[];
  templatesUnavailable: string | null;
  agents: Named[];
  teams: Named[];
  numbers: Named[];
}

/** What the builder's menus offer: active members, teams, numbers and approved templates. */
export async function loadBuilderData(): Promise<BuilderData> {
  const [targets, choices, accounts] = await Promise.all([
    listRoutingTargets(),
    listTemplateChoices(),
    listWhatsAppAccounts(),
  ]);
  return {
    templates: choices.templates,
    templatesUnavailable: choices.unavailable,
    agents: targets.agents
      .filter((a) => a.status === 'active')
      .map((a) => ({ id: a.id, label: `${a.name} (${a.email})` })),
    teams: targets.teams.map((t) => ({ id: t.id, label: t.name })),
    numbers: accounts.map((a) => ({
      id: a.id,
      label: `${a.verifiedName ? `${a.verifiedName} · ` : ''}${formatPhoneNumber(a.displayPhoneNumber)}`,
    })),
  };
}
