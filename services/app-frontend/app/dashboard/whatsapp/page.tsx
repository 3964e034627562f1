import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { LiveRefresh } from '@/components/live-refresh';
import { PageHeader } from '@/components/page-header';
import { getEnv } from '@/lib/env';
import { getSession, isAdmin } from '@/lib/session/session';
import { signupModeFrom } from '@/lib/whatsapp/whatsapp-signup';
import { AccountsList, AccountsListSkeleton } from './accounts-list';
import { ConnectWhatsAppButton } from './connect-whatsapp-button';

export const metadata: Metadata = { title: 'WhatsApp' };

export default async function WhatsAppPage() {
  if (!isAdmin(await getSession())) return <AdminRightsNotice section="WhatsApp" />;
  // Decided here, on the server: the browser bundle never reads the environment.
  const mode = signupModeFrom(getEnv());
  return (
    <>
      <PageHeader
        title="WhatsApp"
        description="The WhatsApp Business numbers your team answers from. Messages to a connected number arrive in the shared inbox."
      />
      <div className="flex flex-col gap-6">
        <Card
          title="Connect a number"
          description="Meta’s Embedded Signup opens in a new window: choose your business and number there, and Aerostic does the rest."
        >
          <ConnectWhatsAppButton mode={mode} />
        </Card>
        <Card
          title="Message templates"
          description="Messages Meta approves in advance: the only ones WhatsApp delivers once a customer has been quiet for 24 hours."
        >
          <Link href="/dashboard/whatsapp/templates" className="text-sm font-medium text-brand-700 hover:underline">
            Manage message templates
          </Link>
        </Card>
        <Card
          title="Click to chat"
          description="wa.me links, QR codes and a website button that start a chat with a message already typed."
        >
          <Link href="/dashboard/whatsapp/click-to-chat" className="text-sm font-medium text-brand-700 hover:underline">
            Manage click-to-chat links
          </Link>
        </Card>
        <Card title="Connected numbers">
          <Suspense fallback={<AccountsListSkeleton />}>
            <AccountsList />
          </Suspense>
        </Card>
      </div>
      <LiveRefresh events={['whatsapp.updated']} />
    </>
  );
}
