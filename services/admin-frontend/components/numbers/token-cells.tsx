import type { AdminWhatsAppAccountDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { Badge } from '@/components/ui/badge';
import {
  TOKEN_STATUS_LABELS,
  metaStatusLabel,
  metaStatusTone,
  qualityLabel,
  qualityTone,
  tokenStatusTone,
} from '@/lib/labels';

/** The token's state, when it expires, and why the last check flagged it. */
export function TokenStatusCell({ account }: { account: AdminWhatsAppAccountDto }) {
  return (
    <div className="flex flex-col items-start gap-0.5">
      <Badge tone={tokenStatusTone(account.tokenStatus)}>{TOKEN_STATUS_LABELS[account.tokenStatus]}</Badge>
      <span className="text-xs text-ink-muted">
        {account.tokenExpiresAt ? `Expires ${formatDateTime(account.tokenExpiresAt)}` : 'No expiry'}
      </span>
      {account.lastCheckError && <span className="max-w-56 text-xs text-danger-700">{account.lastCheckError}</span>}
    </div>
  );
}

/** Meta's standing of the number (and why, since when), its quality rating, messaging limit tier and throughput. */
export function QualityCell({ account }: { account: AdminWhatsAppAccountDto }) {
  return (
    <div className="flex flex-col items-start gap-0.5">
      <Badge tone={metaStatusTone(account.metaStatus)}>{metaStatusLabel(account.metaStatus)}</Badge>
      {account.metaStatus && account.metaStatus !== 'CONNECTED' && (
        <span className="max-w-56 text-xs text-danger-700">
          {account.metaStatusReason ?? 'Meta gave no reason'}
          {account.metaStatusChangedAt && ` (since ${formatDateTime(account.metaStatusChangedAt)})`}
        </span>
      )}
      <Badge tone={qualityTone(account.qualityRating)}>{qualityLabel(account.qualityRating)}</Badge>
      <span className="text-xs text-ink-muted">
        {[account.messagingLimitTier, account.throughputLevel && `${account.throughputLevel} throughput`]
          .filter(Boolean)
          .join(' · ') || 'Tier not known yet'}
      </span>
    </div>
  );
}
