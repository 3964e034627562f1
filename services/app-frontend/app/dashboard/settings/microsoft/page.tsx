import type { Metadata } from 'next';
import type { MicrosoftSignInSettingsDto } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { SectionNav } from '@/components/section-nav';
import { apiFetch } from '@/lib/api';
import { getSession, isAdmin } from '@/lib/session/session';
import { SETTINGS_SECTIONS } from '../settings-sections';
import { MicrosoftSignInForm } from './microsoft-sign-in-form';

export const metadata: Metadata = { title: 'Microsoft sign-in' };

export default async function MicrosoftSignInPage() {
  const me = await getSession();
  if (!isAdmin(me)) return <AdminRightsNotice section="Microsoft sign-in" />;
  const result = await apiFetch<MicrosoftSignInSettingsDto>('/auth/microsoft/settings');
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  const settings = result.data;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Let your team sign in with their Microsoft work accounts (Entra ID). The first Microsoft sign-in of an existing member links their account by email."
      />
      <SectionNav label="Settings sections" sections={SETTINGS_SECTIONS} />
      <Card title="Microsoft sign-in">
        {settings.available ? (
          <MicrosoftSignInForm settings={settings} />
        ) : (
          <p className="text-sm text-ink-muted">
            Microsoft sign-in is not configured on this Aerostic installation. Ask your Aerostic operator to set it up.
          </p>
        )}
      </Card>
    </>
  );
}
