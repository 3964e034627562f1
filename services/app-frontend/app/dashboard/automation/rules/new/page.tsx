import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { RuleBuilder } from '@/components/automation/rule-builder';
import { Card } from '@/components/card';
import { emptyRuleDraft } from '@/lib/automation/rule-draft';
import { getSession, isAdmin } from '@/lib/session/session';
import { saveRuleAction } from '../../actions';
import { loadBuilderData } from '../builder-data';

export const metadata: Metadata = { title: 'New automation rule' };

export default async function NewRulePage() {
  if (!isAdmin(await getSession())) redirect('/dashboard/automation/runs');
  const data = await loadBuilderData();
  return (
    <Card>
      <RuleBuilder ruleId={null} initial={emptyRuleDraft()} onSave={saveRuleAction} {...data} />
    </Card>
  );
}
