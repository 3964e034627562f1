import type { Metadata } from 'next';
import { type ApiKeyDto } from '@aerostic/shared';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { ApiKeyList } from '@/components/api-keys/api-key-list';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { SectionNav } from '@/components/section-nav';
import { apiFetch } from '@/lib/api';
import { getSession, isAdmin } from '@/lib/session/session';
import { ApiRequestError } from '@aerostic/shared/web';
import { SETTINGS_SECTIONS } from '../settings-sections';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  if (!isAdmin(await getSession())) return <AdminRightsNotice section="API keys" />;
  const result = await apiFetch<ApiKeyDto[]>('/api-keys');
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Keys let your own systems send messages, read conversations and manage contacts through the public API (see /docs, “Public API”)."
      />
      <SectionNav label="Settings sections" sections={SETTINGS_SECTIONS} />
      <div className="flex flex-col gap-6">
        <Card title="Create an API key" description="Give each system its own key, with only the scopes it needs.">
          <CreateApiKeyForm action={createApiKeyAction} />
        </Card>
        <Card title="API keys">
          <ApiKeyList keys={result.data} revoke={revokeApiKeyAction} />
        </Card>
      </div>
    </>
  );
}
