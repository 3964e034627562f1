import type { Metadata } from 'next';
import Link from 'next/link';
import type { WebhookDeliveryDto, WebhookEndpointDto } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { WebhookCreateForm } from '@/components/integrations/webhook-create-form';
import { WebhookDeliveryLog } from '@/components/integrations/webhook-delivery-log';
import { WebhookEndpointControls } from '@/components/integrations/webhook-endpoint-controls';
import { PageHeader } from '@/components/page-header';
import { SectionNav } from '@/components/section-nav';
import { apiFetch } from '@/lib/api';
import { getSession, isAdmin } from '@/lib/session/session';
import { SETTINGS_SECTIONS } from '../settings-sections';
import { createWebhookAction, endpointAction, retryDeliveryAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

async function read<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ endpoint?: string }> }) {
  const me = await getSession();
  if (!isAdmin(me)) return <AdminRightsNotice section="Webhooks" />;
  const { endpoint: selected } = await searchParams;
  const endpoints = await read<WebhookEndpointDto[]>('/integrations/webhooks');
  const shown = endpoints.find((e) => e.id === selected);
  const deliveries = shown ? await read<WebhookDeliveryDto[]>(`/integrations/webhooks/${shown.id}/deliveries`) : [];
  return (
    <>
      <PageHeader
        title="Settings"
        description="Aerostic posts the events you choose to your endpoints, signed with each endpoint’s secret (Aerostic-Signature header), retried for 24 hours."
      />
      <SectionNav label="Settings sections" sections={SETTINGS_SECTIONS} />
      <div className="flex flex-col gap-6">
        <Card title="Add an endpoint">
          <WebhookCreateForm action={createWebhookAction} />
        </Card>
        {endpoints.map((endpoint) => (
          <Card key={endpoint.id} title={endpoint.url}>
            <WebhookEndpointControls endpoint={endpoint} action={endpointAction} />
            <p className="mt-3 text-sm">
              <Link className="underline" href={`/dashboard/settings/webhooks?endpoint=${endpoint.id}`}>
                Delivery log
              </Link>
            </p>
            {shown?.id === endpoint.id && (
              <div className="mt-3">
                <WebhookDeliveryLog
                  endpointId={endpoint.id}
                  deliveries={deliveries}
                  retryAction={retryDeliveryAction}
                />
              </div>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
