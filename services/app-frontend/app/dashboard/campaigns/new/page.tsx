import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { workspaceTimeZone } from '@/lib/campaigns/campaigns-api';
import { listApprovedTemplates } from '@/lib/inbox/inbox-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { CampaignWizard } from './campaign-wizard';
import type { WizardNumber } from './wizard-types';

export const metadata: Metadata = { title: 'New campaign' };

const LINK = 'font-medium text-brand-700 hover:underline';

/** Loads the numbers and their approved templates; the wizard does the rest in the browser. */
export default async function NewCampaignPage() {
  const me = await getSession();
  if (!isAdmin(me)) return <AdminRightsNotice section="New campaign" />;
  const accounts = await listWhatsAppAccounts();
  const numbers: WizardNumber[] = await Promise.all(
    accounts.map(async (account) => {
      const templates = await listApprovedTemplates(account.id);
      return {
        id: account.id,
        label: `${account.verifiedName ? `${account.verifiedName} · ` : ''}${formatPhoneNumber(account.displayPhoneNumber)}`,
        templates: templates.available
          ? { available: true as const, list: templates.templates }
          : { available: false as const, message: templates.message },
      };
    }),
  );

  return (
    <>
      <PageHeader
        title="New campaign"
        description="Choose who receives it, the template and its variables, and when it goes out. Nothing is sent before you confirm on the last step."
        actions={
          <Link href="/dashboard/campaigns" className={`text-sm ${LINK}`}>
            ← All campaigns
          </Link>
        }
      />
      {numbers.length === 0 ? (
        <Card title="Connect a WhatsApp number first">
          <p className="text-sm text-ink-muted">
            A campaign is sent from one of your WhatsApp numbers.{' '}
            <Link href="/dashboard/whatsapp" className={LINK}>
              Connect a number
            </Link>
          </p>
        </Card>
      ) : (
        <CampaignWizard numbers={numbers} timeZone={workspaceTimeZone(me)} />
      )}
    </>
  );
}
