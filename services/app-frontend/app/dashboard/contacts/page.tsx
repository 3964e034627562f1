import type { Metadata } from 'next';
import { NotAvailablePanel } from '@/components/not-available-panel';

export const metadata: Metadata = { title: 'Contacts' };

const UPCOMING = [
  'Every customer who messaged you, with their WhatsApp number and name.',
  'Tags, notes and opt-out status per contact.',
  'Search and import of contact lists.',
];

export default function ContactsPage() {
  return (
    <NotAvailablePanel
      title="Contacts"
      summary="The people who have written to your WhatsApp numbers, in one list."
      upcoming={UPCOMING}
    />
  );
}
