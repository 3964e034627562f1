import type { Metadata } from 'next';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { NotAvailablePanel } from '@/components/not-available-panel';
import { getSession, isAdmin } from '@/lib/session/session';

export const metadata: Metadata = { title: 'Billing' };

const UPCOMING = [
  'Your current plan and what it includes.',
  'Conversation usage against your plan’s limits.',
  'Invoices and payment details.',
];

export default async function BillingPage() {
  if (!isAdmin(await getSession())) return <AdminRightsNotice section="Billing" />;
  return <NotAvailablePanel title="Billing" summary="Your plan, usage and invoices." upcoming={UPCOMING} />;
}
