import type { Metadata } from 'next';
import { NotAvailablePanel } from '@/components/not-available-panel';

export const metadata: Metadata = { title: 'Automation' };

const UPCOMING = [
  'Rules that reply, tag or assign when a message matches.',
  'Away messages outside your opening hours.',
  'AI answers to common questions, handed over to an agent when needed.',
];

export default function AutomationPage() {
  return (
    <NotAvailablePanel
      title="Automation"
      summary="Rules and AI that answer routine messages for your team."
      upcoming={UPCOMING}
    />
  );
}
