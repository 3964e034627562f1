import type { Metadata } from 'next';
import { RateCardForm } from '@/components/rate-card/rate-card-form';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { EmptyState } from '@/components/ui/table';
import { getRateCard } from '@/lib/rate-card-api';
import { getSession, isSuperAdmin } from '@/lib/session/session';
import { saveRateCardAction } from './actions';

export const metadata: Metadata = { title: 'Rate card' };

export default async function RateCardPage() {
  const [rates, me] = await Promise.all([getRateCard(), getSession()]);
  const editable = isSuperAdmin(me);
  return (
    <>
      <PageTitle
        title="Rate card"
        intro="What Meta charges for one billable message, by market (the country of the customer’s number) and category, in US dollars. Tenants’ estimated Meta cost and their budgets are computed with these rates."
      />
      <Panel
        id="rates"
        heading="Rates per message"
        intro={
          editable
            ? 'An empty cell means no rate for that market and category.'
            : 'Only a super admin can change the rates.'
        }
      >
        {rates.length === 0 ? (
          <EmptyState title="No rates yet">
            The rate card is seeded with Meta’s published rates when the API starts.
          </EmptyState>
        ) : (
          <RateCardForm rates={rates} action={saveRateCardAction} editable={editable} />
        )}
      </Panel>
    </>
  );
}
