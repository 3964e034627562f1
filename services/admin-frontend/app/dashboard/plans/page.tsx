import type { Metadata } from 'next';
import { LIMIT_NAMES, type PlanDto } from '@aerostic/shared';
import { PlanForm } from '@/components/plans/plan-form';
import { Badge } from '@/components/ui/badge';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { Cell, DataTable } from '@/components/ui/table';
import { formatLimit } from '@/lib/labels';
import { LIMIT_LABELS } from '@/lib/limits-form';
import { fromMinor } from '@/lib/plan-form';
import { getPlans } from '@/lib/plans-api';
import { getSession, isSuperAdmin } from '@/lib/session/session';
import { savePlanAction } from './actions';

export const metadata: Metadata = { title: 'Plans' };

export default async function PlansPage() {
  const [plans, me] = await Promise.all([getPlans(), getSession()]);
  const editable = isSuperAdmin(me);
  return (
    <>
      <PageTitle
        title="Plans"
        intro="What tenants subscribe to: each plan's quotas, its price per month in each currency, the price of what goes beyond it, and its trial. A tenant's limits start from its plan's quotas; its own limits on the Quotas page apply on top."
      />
      <div className="flex flex-col gap-6">
        <Panel
          id="plans"
          heading="All plans"
          intro={editable ? undefined : 'Only a super admin can change or add plans.'}
        >
          <PlansTable plans={plans} />
        </Panel>
        {editable &&
          plans.map((plan) => (
            <Panel key={plan.id} id={`plan-${plan.code}`} heading={`Edit ${plan.name}`}>
              <details>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">
                  Quotas, prices and trial of {plan.name}
                </summary>
                <div className="pt-4">
                  <PlanForm
                    id={`plan-${plan.code}`}
                    action={savePlanAction}
                    plan={plan}
                    label={`Edit ${plan.name}`}
                    submitLabel={`Save ${plan.name}`}
                  />
                </div>
              </details>
            </Panel>
          ))}
        {editable && (
          <Panel id="new-plan" heading="New plan" intro="Tenants can choose it once it is saved as offered.">
            <PlanForm id="new-plan-form" action={savePlanAction} label="New plan" submitLabel="Create plan" />
          </Panel>
        )}
      </div>
    </>
  );
}

function PlansTable({ plans }: { plans: PlanDto[] }) {
  return (
    <DataTable
      caption="Plans"
      minWidth="56rem"
      columns={[
        'Plan',
        { label: 'USD per month', numeric: true },
        { label: 'Trial', numeric: true },
        ...LIMIT_NAMES.map((name) => ({ label: LIMIT_LABELS[name], numeric: true })),
      ]}
    >
      <>
        {plans.map((plan) => {
          const usd = plan.prices.find((price) => price.currency === 'USD');
          return (
            <tr key={plan.id}>
              <Cell className="font-medium">
                {plan.name} <span className="font-mono text-xs text-ink-subtle">{plan.code}</span>{' '}
                {!plan.active && <Badge tone="neutral">Not offered</Badge>}
              </Cell>
              <Cell className="text-right tabular-nums">{usd ? fromMinor(usd.monthlyMinor) : '—'}</Cell>
              <Cell className="text-right tabular-nums">{plan.trialDays > 0 ? `${plan.trialDays} days` : '—'}</Cell>
              {LIMIT_NAMES.map((name) => (
                <Cell key={name} className="text-right tabular-nums">
                  {formatLimit(plan.quotas[name])}
                </Cell>
              ))}
            </tr>
          );
        })}
      </>
    </DataTable>
  );
}
