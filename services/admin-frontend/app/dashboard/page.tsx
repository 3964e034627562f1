import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Control Tower' };

const UPCOMING = [
  'Tenants, active users and messages across the platform.',
  'Queue depth and webhook throughput, with alerts when Meta deliveries back up.',
  'Recent sign-ups and workspaces that need attention.',
];

export default function ControlTowerPage() {
  return (
    <LaterReleasePanel
      title="Control Tower"
      summary="The Control Tower will show the health of the whole platform at a glance."
      upcoming={UPCOMING}
    />
  );
}
