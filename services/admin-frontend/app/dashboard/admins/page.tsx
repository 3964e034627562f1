import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Admins' };

const UPCOMING = [
  'Inviting platform admins and super admins.',
  'Changing their role or removing their access.',
  'Microsoft sign-in for staff.',
];

export default function AdminsPage() {
  return (
    <LaterReleasePanel
      title="Admins"
      summary="This section will manage the Aerostic staff who can use this panel."
      upcoming={UPCOMING}
    />
  );
}
