import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Quotas' };

const UPCOMING = [
  'Message and conversation quotas per plan.',
  'Per-workspace overrides.',
  'Workspaces close to or over their limits.',
];

export default function QuotasPage() {
  return (
    <LaterReleasePanel
      title="Quotas"
      summary="This section will set the limits each plan and workspace runs under."
      upcoming={UPCOMING}
    />
  );
}
