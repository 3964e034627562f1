import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Tenants' };

const UPCOMING = [
  'Search and filter every workspace by name, status and plan.',
  'Suspending and reactivating a workspace, with the reason recorded.',
  'Each workspace’s users, WhatsApp numbers and usage.',
];

export default function TenantsPage() {
  return (
    <LaterReleasePanel
      title="Tenants"
      summary="This section will list every business workspace on Aerostic."
      upcoming={UPCOMING}
    />
  );
}
