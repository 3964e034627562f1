import Link from 'next/link';
import type { ContactDto } from '@aerostic/shared';
import { FormAlert } from '@/components/form-alert';
import { listApprovedTemplates } from '@/lib/inbox/inbox-api';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { LINK } from './contacts-url';
import { type NumberOption, StartConversationForm } from './start-conversation-form';

/** Loads the numbers and their approved templates a first message to the contact can be sent from. */
export async function StartConversation({ contact, admin }: { contact: ContactDto; admin: boolean }) {
  const accounts = await listWhatsAppAccounts();
  if (accounts.length === 0) {
    return (
      <p className="text-sm text-ink-muted">
        Connect a WhatsApp number before writing to a contact.{' '}
        {admin ? (
          <Link href="/dashboard/whatsapp" className={LINK}>
            Connect a number
          </Link>
        ) : (
          'Ask an admin of your workspace to connect one.'
        )}
      </p>
    );
  }
  const numbers: NumberOption[] = await Promise.all(
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
      {contact.optedOut && (
        <FormAlert
          tone="info"
          className="mb-4"
          message={`${contact.displayName} opted out of marketing: only utility and authentication templates are delivered.`}
        />
      )}
      <StartConversationForm contactId={contact.id} numbers={numbers} />
    </>
  );
}
