import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Audit logs' };

const UPCOMING = [
  'Sign-ins, invitations, role changes and suspensions across all workspaces.',
  'Filtering by workspace, user, action and date.',
  'Exports for compliance reviews.',
];

export default function AuditLogsPage() {
  return (
    <LaterReleasePanel
      title="Audit logs"
      summary="This section will search the audit trail of sensitive actions."
      upcoming={UPCOMING}
    />
  );
}
