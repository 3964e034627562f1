import type { Metadata } from 'next';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { getSession, isAdmin } from '@/lib/session';
import { WorkspaceForm } from './workspace-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const me = await getSession();
  if (!isAdmin(me)) return <AdminRightsNotice section="Settings" />;
  return (
    <>
      <PageHeader title="Settings" description="Workspace-wide settings. Only admins can see and change them." />
      <div className="flex flex-col gap-6">
        <Card title="Workspace">
          <WorkspaceForm name={me.tenant.name} webhookUrl={me.tenant.webhookUrl} />
        </Card>
        <Card title="More settings" className="max-w-2xl">
          <p className="text-sm font-semibold text-warning-700">Not available yet</p>
          <p className="mt-2 text-sm text-ink-muted">
            Opening hours, notification preferences, API keys for integrators and Microsoft sign-in for your team arrive
            in later releases.
          </p>
        </Card>
      </div>
    </>
  );
}
