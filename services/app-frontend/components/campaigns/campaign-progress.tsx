import type { CampaignTotals } from '@aerostic/shared';
import { formatCount, sentCount } from '@/lib/campaigns/campaign-format';

/** "120 of 500 sent" with a bar; the bar only repeats the text, so screen readers read the text alone. */
export function CampaignProgress({ totals }: { totals: CampaignTotals }) {
  const sent = sentCount(totals);
  const share = totals.recipients > 0 ? Math.min(100, (sent / totals.recipients) * 100) : 0;
  return (
    <div className="flex min-w-32 flex-col gap-1">
      <span className="text-sm tabular-nums">
        {formatCount(sent)} of {formatCount(totals.recipients)} sent
      </span>
      <span aria-hidden="true" className="block h-1.5 overflow-hidden rounded-full bg-line">
        <span className="block h-full bg-brand-600" style={{ width: `${share}%` }} />
      </span>
    </div>
  );
}
