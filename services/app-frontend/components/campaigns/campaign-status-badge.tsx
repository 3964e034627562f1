import type { CampaignStatus } from '@aerostic/shared';
import { StatusBadge } from '@/components/status-badge';
import { CAMPAIGN_STATUS_VIEW } from '@/lib/campaigns/campaign-format';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const view = CAMPAIGN_STATUS_VIEW[status];
  return <StatusBadge tone={view.tone}>{view.label}</StatusBadge>;
}
