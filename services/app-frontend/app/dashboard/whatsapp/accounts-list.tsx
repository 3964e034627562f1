import { WhatsAppAccountCard } from '@/components/whatsapp/whatsapp-account-card';
import { WhatsAppEmptyState } from '@/components/whatsapp/whatsapp-empty-state';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { DisconnectNumberButton } from './disconnect-number-button';

export async function AccountsList() {
  const accounts = await listWhatsAppAccounts();
  if (accounts.length === 0) return <WhatsAppEmptyState />;
  return (
    <ul className="flex flex-col gap-4" aria-label="Connected numbers">
      {accounts.map((account) => (
        <li key={account.id}>
          <WhatsAppAccountCard
            account={account}
            actions={
              <DisconnectNumberButton accountId={account.id} number={formatPhoneNumber(account.displayPhoneNumber)} />
            }
          />
        </li>
      ))}
    </ul>
  );
}

export function AccountsListSkeleton() {
  return (
    <div role="status" className="flex animate-pulse flex-col gap-4">
      <span className="sr-only">Loading connected numbers…</span>
      <div className="h-36 rounded-lg bg-line/70" />
    </div>
  );
}
