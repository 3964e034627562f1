import type { Metadata } from 'next';
import { LaterReleasePanel } from '@/components/later-release-panel';

export const metadata: Metadata = { title: 'Meta tokens' };

const UPCOMING = [
  'Every connected WhatsApp Business account and the state of its access token.',
  'Tokens that Meta has invalidated, so that the tenant can be asked to reconnect.',
  'Rotating the platform’s system-user token.',
];

export default function MetaTokensPage() {
  return (
    <LaterReleasePanel
      title="Meta tokens"
      summary="This section will oversee the WhatsApp Cloud API credentials held for tenants."
      upcoming={UPCOMING}
    />
  );
}
