import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { SectionNav } from '@/components/section-nav';
import { getSession, isAdmin } from '@/lib/session/session';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';
import { SETTINGS_SECTIONS } from './settings-sections';
import { WorkspaceForm } from './workspace-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const me = await getSession();
  const admin = isAdmin(me);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          admin
            ? 'Your own profile and password, and the workspace-wide settings that only admins change.'
            : 'Your own profile and password.'
        }
      />
      {admin && <SectionNav label="Settings sections" sections={SETTINGS_SECTIONS} />}
      <div className="flex flex-col gap-6">
        {admin ? (
          <Card title="Workspace">
            <WorkspaceForm
              name={me.tenant.name}
              timeZone={me.tenant.timeZone}
              // UTC first, and the workspace's own zone even if this server's time zone data lacks it.
              timeZones={[...new Set(['UTC', me.tenant.timeZone, ...Intl.supportedValuesOf('timeZone')])]}
            />
          </Card>
        ) : (
          <Card title="Workspace" className="max-w-2xl">
            <p role="alert" className="text-sm font-semibold">
              You need admin rights to change the workspace settings.
            </p>
            <p className="mt-2 text-sm text-ink-muted">
              Ask an admin of your workspace to make the change for you, or to give you the admin role.
            </p>
          </Card>
        )}
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Your profile">
            <ProfileForm name={me.user.name} email={me.user.email} />
          </Card>
          <Card title="Password" description="Changing it signs your account out everywhere else.">
            <PasswordForm />
          </Card>
        </div>
      </div>
    </>
  );
}
