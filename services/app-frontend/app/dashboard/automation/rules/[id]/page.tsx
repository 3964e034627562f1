import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { RuleBuilder } from '@/components/automation/rule-builder';
import { Card } from '@/components/card';
import { findRule } from '@/lib/automation/automation-api';
import { draftOfRule } from '@/lib/automation/rule-draft';
import { getSession, isAdmin } from '@/lib/session/session';
import { saveRuleAction } from '../../actions';
import { loadBuilderData } from '../builder-data';

export const metadata: Metadata = { title: 'Edit automation rule' };

export default async function EditRulePage({ params }: { params: Promise<{ id: string }> }) {
  if (!isAdmin(await getSession())) redirect('/dashboard/automation/runs');
  const { id } = await params;
  const [rule, data] = await Promise.all([findRule(id), loadBuilderData()]);
  if (!rule) notFound();
  return (
    <Card>
      <RuleBuilder ruleId={rule.id} initial={draftOfRule(rule, data.templates)} onSave={saveRuleAction} {...data} />
    </Card>
  );
}
