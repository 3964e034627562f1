import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { BudgetForm } from '@/components/billing/budget-form';
import { BudgetStatus } from '@/components/billing/budget-status';
import { InvoicesTable } from '@/components/billing/invoices-table';
import { MetaCost } from '@/components/billing/meta-cost';
import { PlanPicker } from '@/components/billing/plan-picker';
import { SubscriptionSummary } from '@/components/billing/subscription-summary';
import { UsageQuotas } from '@/components/billing/usage-quotas';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { getBudget, getSubscription, getUsage, listInvoices, listPlans } from '@/lib/billing/billing-api';
import { monthRange } from '@/lib/billing/billing-format';
import { getSession, isAdmin } from '@/lib/session/session';
import {
  cancelScheduledChangeAction,
  changePlanAction,
  checkoutAction,
  portalAction,
  saveBudgetAction,
} from './actions';

export const metadata: Metadata = { title: 'Billing' };

export default async function BillingPage() {
  const me = await getSession();
  if (!isAdmin(me)) return <AdminRightsNotice section="Billing" />;
  const [subscription, plans, budget] = await Promise.all([getSubscription(), listPlans(), getBudget()]);
  const month = monthRange(me.tenant.timeZone);
  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan and what it includes, this month’s usage and Meta’s estimated cost, your invoices, and how you pay."
      />
      <div className="flex flex-col gap-6">
        <Card title="Plan">
          <SubscriptionSummary
            subscription={subscription}
            portalAction={portalAction}
            cancelScheduledChangeAction={cancelScheduledChangeAction}
          />
        </Card>
        <Suspense fallback={<SectionSkeleton label="Loading this month’s usage…" />}>
          <UsageSections month={month} />
        </Suspense>
        <Card
          title="Meta budget"
          description="A monthly ceiling on Meta’s estimated cost: at 100 % marketing sends stop, replies to customers continue."
        >
          <div className="flex flex-col gap-5">
            <BudgetStatus budget={budget} />
            <BudgetForm action={saveBudgetAction} monthlyMicros={budget.monthlyMicros} />
          </div>
        </Card>
        <Card title="Invoices">
          <Suspense fallback={<SectionSkeleton label="Loading invoices…" />}>
            <Invoices />
          </Suspense>
        </Card>
        <Card
          title="Change plan"
          description={`Prices per month in ${subscription.currency}. Upgrades apply at once; downgrades at the end of the current period.`}
        >
          <PlanPicker
            plans={plans}
            subscription={subscription}
            changePlanAction={changePlanAction}
            checkoutAction={checkoutAction}
          />
        </Card>
      </div>
    </>
  );
}

async function UsageSections({ month }: { month: { from: string; to: string } }) {
  const usage = await getUsage(month);
  return (
    <>
      <Card title="Usage this month" description="What the workspace used of its plan’s limits since the 1st.">
        <UsageQuotas quotas={usage.quotas} />
      </Card>
      <Card title="Meta cost this month">
        <MetaCost report={usage} />
      </Card>
    </>
  );
}

async function Invoices() {
  return <InvoicesTable invoices={await listInvoices()} />;
}

function SectionSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="flex animate-pulse flex-col gap-4">
      <span className="sr-only">{label}</span>
      <div className="h-32 rounded-lg bg-line/70" />
    </div>
  );
}
