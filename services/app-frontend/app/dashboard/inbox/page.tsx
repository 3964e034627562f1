import type { Metadata } from 'next';
import { NotAvailablePanel } from '@/components/not-available-panel';

export const metadata: Metadata = { title: 'Inbox' };

const UPCOMING = [
  'Every conversation with your customers, in real time, shared by the whole team.',
  'Assigning conversations to agents and seeing who is replying.',
  'Replies, templates and media, with delivery and read receipts.',
  'The 24-hour customer service window shown on each conversation.',
];

export default function InboxPage() {
  return (
    <NotAvailablePanel
      title="Inbox"
      summary="The shared inbox where your team answers customers on WhatsApp."
      upcoming={UPCOMING}
    />
  );
}
