import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { type ChatEntryPointDto } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { EntryPointForm } from '@/components/click-to-chat/entry-point-form';
import { EntryPointList } from '@/components/click-to-chat/entry-point-list';
import { PageHeader } from '@/components/page-header';
import { apiFetch } from '@/lib/api';
import { cn } from '@/lib/cn';
import { getEnv } from '@/lib/env';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { createEntryPointAction, deleteEntryPointAction, updateEntryPointAction } from './actions';

export const metadata: Metadata = { title: 'Click to chat' };

export default async function ClickToChatPage({ searchParams }: { searchParams: Promise<{ number?: string }> }) {
  if (!isAdmin(await getSession())) return <AdminRightsNotice section="Click to chat" />;
  const accounts = await listWhatsAppAccounts();
  const { number } = await searchParams;
  const account = accounts.find((a) => a.id === number) ?? accounts[0];
  const header = (
    <PageHeader
      title="Click to chat"
      description="Links, QR codes and a website button that open a WhatsApp chat with your number, with a message already typed. The inbox shows which one a customer came from."
    />
  );
  if (!account) {
    return (
      <>
        {header}
        <Card>
          <p className="text-sm text-ink-muted">
            Connect a number first on the{' '}
            <Link href="/dashboard/whatsapp" className="font-medium text-brand-700 hover:underline">
              WhatsApp page
            </Link>
            .
          </p>
        </Card>
      </>
    );
  }
  const result = await apiFetch<ChatEntryPointDto[]>(`/click-to-chat/entry-points?whatsappAccountId=${account.id}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  const apiUrl = getEnv().API_URL;
  // The preview frame inherits the page's policy: its script needs this response's nonce (middleware.ts).
  const nonce = (await headers()).get('x-nonce') ?? '';
  return (
    <>
      {header}
      {accounts.length > 1 && (
        <nav aria-label="Numbers" className="mb-4 flex flex-wrap gap-2">
          {accounts.map((a) => (
            <Link
              key={a.id}
              href={`/dashboard/whatsapp/click-to-chat?number=${a.id}`}
              aria-current={a.id === account.id ? 'page' : undefined}
              className={cn(
                'rounded-full border px-3 py-1 text-sm',
                a.id === account.id ? 'border-brand-700 bg-brand-50 text-brand-700' : 'border-line',
              )}
            >
              +{a.displayPhoneNumber}
            </Link>
          ))}
        </nav>
      )}
      <div className="flex flex-col gap-6">
        <Card title={`New link, QR code or widget for +${account.displayPhoneNumber}`}>
          <EntryPointForm
            key={account.id}
            action={createEntryPointAction}
            whatsappAccountId={account.id}
            displayPhoneNumber={account.displayPhoneNumber}
            apiUrl={apiUrl}
            nonce={nonce}
          />
        </Card>
        <Card title="Links, QR codes and widgets">
          <EntryPointList
            entries={result.data}
            displayPhoneNumber={account.displayPhoneNumber}
            apiUrl={apiUrl}
            nonce={nonce}
            update={updateEntryPointAction}
            remove={deleteEntryPointAction}
          />
        </Card>
      </div>
    </>
  );
}
