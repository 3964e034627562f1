import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { AutomationRuleDto } from '@aerostic/shared';
import { AutomationSettingsForm } from '@/components/automation/automation-settings-form';
import { RuleMoveButtons, RuleSwitch } from '@/components/automation/rule-controls';
import { Card } from '@/components/card';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { StatusBadge } from '@/components/status-badge';
import { getAutomationSettings, listRoutingTargets, listRules } from '@/lib/automation/automation-api';
import { summaryNames } from '@/lib/automation/summary-names';
import { summarizeRule } from '@/lib/automation/rule-summary';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { deleteRuleAction, moveRuleAction, saveAutomationSettingsAction, setRuleEnabledAction } from './actions';

export const metadata: Metadata = { title: 'Automation' };

const LINK = 'font-medium text-brand-700 hover:underline';
const NEW_RULE =
  'inline-flex items-center rounded-lg bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-800';

export default async function AutomationRulesPage() {
  const me = await getSession();
  // Agents read the run log; writing rules is for admins.
  if (!isAdmin(me)) redirect('/dashboard/automation/runs');
  const [rules, settings, targets, accounts] = await Promise.all([
    listRules(),
    getAutomationSettings(),
    listRoutingTargets(),
    listWhatsAppAccounts(),
  ]);
  const names = summaryNames(targets, accounts);

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-base font-semibold">Rules</h2>
            <p className="mt-1 max-w-2xl text-sm text-ink-muted">
              Rules run from the top for each customer message or event; a rule that stops later rules ends the list for
              that event. Messages of your team and of the bot never trigger a rule.
            </p>
          </div>
          <Link href="/dashboard/automation/rules/new" className={NEW_RULE}>
            New rule
          </Link>
        </div>
        {rules.length === 0 ? (
          <div className="mt-4 text-sm text-ink-muted">
            <p className="font-medium text-ink">No rules yet.</p>
            <p className="mt-1 max-w-xl">
              Start with a welcome message for new conversations, an away message outside business hours, or an answer
              to a question customers often ask.
            </p>
          </div>
        ) : (
          <ol className="mt-4 divide-y divide-line" aria-label="Rules in the order they run">
            {rules.map((rule, index) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                index={index}
                count={rules.length}
                summary={summarizeRule(rule, names)}
              />
            ))}
          </ol>
        )}
      </Card>
      <Card
        title="Safety limit"
        description="Stops a conversation from being flooded when several rules fire, or a customer writes a lot."
      >
        <AutomationSettingsForm
          maxAutomatedMessagesPerHour={settings.maxAutomatedMessagesPerHour}
          action={saveAutomationSettingsAction}
        />
      </Card>
    </div>
  );
}

function RuleRow({
  rule,
  index,
  count,
  summary,
}: {
  rule: AutomationRuleDto;
  index: number;
  count: number;
  summary: string;
}) {
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start" data-testid="rule-row">
      <div className="flex items-start gap-3 sm:w-28 sm:shrink-0">
        <span className="mt-0.5 w-6 text-sm text-ink-subtle tabular-nums" aria-hidden="true">
          {index + 1}.
        </span>
        <RuleSwitch ruleId={rule.id} name={rule.name} enabled={rule.enabled} onToggle={setRuleEnabledAction} />
      </div>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <Link href={`/dashboard/automation/rules/${rule.id}`} className={LINK}>
            {rule.name}
          </Link>
          {!rule.enabled && <StatusBadge tone="neutral">Off</StatusBadge>}
          {rule.stopAfter && <StatusBadge tone="brand">Stops later rules</StatusBadge>}
        </p>
        <p className="mt-1 text-sm text-ink-muted" data-testid="rule-summary">
          {summary}
        </p>
        <p className="mt-1 text-xs">
          <Link href={`/dashboard/automation/runs?ruleId=${rule.id}`} className={LINK}>
            Run log of {rule.name}
          </Link>
        </p>
      </div>
      <div className="flex flex-wrap items-start gap-2 sm:justify-end">
        <RuleMoveButtons
          ruleId={rule.id}
          name={rule.name}
          first={index === 0}
          last={index === count - 1}
          onMove={moveRuleAction}
        />
        <ConfirmActionButton
          action={deleteRuleAction}
          fields={{ ruleId: rule.id }}
          idPrefix={`delete-rule-${rule.id}`}
          openLabel="Delete"
          openAccessibleName={`Delete ${rule.name}`}
          question={
            <>
              Delete <strong>{rule.name}</strong>? It stops at once; its run log stays.
            </>
          }
          confirmLabel="Yes, delete"
          pendingLabel="Deleting…"
          keepLabel="Keep it"
        />
      </div>
    </li>
  );
}
