import type { Metadata } from 'next';
import { NotAvailablePanel } from '@/components/not-available-panel';

export const metadata: Metadata = { title: 'Analytics' };

const UPCOMING = [
  'Messages sent, delivered and read, per day and per number.',
  'Response times and conversations handled per agent.',
  'Template performance and usage against your plan.',
];

export default function AnalyticsPage() {
  return (
    <NotAvailablePanel
      title="Analytics"
      summary="How your team and your WhatsApp numbers are doing."
      upcoming={UPCOMING}
    />
  );
}
