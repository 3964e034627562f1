import type { ReactNode } from 'react';
import { SPAM_COOL_OFF, type WhatsAppAccountDto } from '@aerostic/shared';
import { StatusBadge } from '@/components/status-badge';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import {
  type Described,
  describeAccountStatus,
  describeMessagingLimit,
  describeMetaStatus,
  describeQuality,
  describeThroughput,
  describeTokenStatus,
  formatPhoneNumber,
  tokenWarning,
} from '@/lib/whatsapp/whatsapp-format';

interface WhatsAppAccountCardProps {
  account: WhatsAppAccountDto;
  /** Controls for this number (disconnect), rendered beside its name. */
  actions?: ReactNode;
}

/** One connected number: what Meta reports about it, in words a business owner reads at a glance. */
export function WhatsAppAccountCard({ account, actions }: WhatsAppAccountCardProps) {
  const number = formatPhoneNumber(account.displayPhoneNumber);
  const headingId = `whatsapp-account-${account.id}`;
  const status = describeAccountStatus(account.status);
  const quality = describeQuality(account.qualityRating);
  const standing = describeMetaStatus(account.metaStatus);
  const token = describeTokenStatus(account.tokenStatus);
  const warning = tokenWarning(account);
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-line p-4" data-testid="whatsapp-account">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="font-mono text-lg font-semibold tracking-tight">
            {number}
          </h3>
          <p className="mt-0.5 text-sm text-ink-muted">{account.verifiedName ?? 'Display name not approved yet'}</p>
          <p className="mt-2">
            <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
          </p>
        </div>
        {actions}
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
        <Fact term="Standing with Meta">
          <Badge described={standing} />
        </Fact>
        <Fact term="Quality rating">
          <Badge described={quality} />
        </Fact>
        <Fact term="Throughput">{describeThroughput(account.messagesPerSecond, account.throughputLevel)}</Fact>
        <Fact term="Messaging limit">{describeMessagingLimit(account.messagingLimitTier)}</Fact>
        <Fact term="Access token">
          <Badge described={token} />
        </Fact>
        <Fact term="Checked with Meta">{formatDateTime(account.lastCheckedAt, 'Not checked yet')}</Fact>
        <Fact term="Connected">{formatDateTime(account.createdAt, 'unknown')}</Fact>
      </dl>

      {warning && (
        <div
          role="alert"
          className={cn(
            'mt-4 rounded-lg border px-3 py-2 text-sm',
            warning.tone === 'danger'
              ? 'border-danger-600/30 bg-danger-50 text-danger-700'
              : 'border-warning-700/30 bg-warning-50 text-warning-700',
          )}
        >
          <p className="font-semibold">{warning.title}</p>
          <p className="mt-0.5">{warning.text}</p>
        </div>
      )}
      {standing.hint && (
        <div
          className={cn(
            'mt-4 rounded-lg border px-3 py-2 text-sm',
            standing.tone === 'danger'
              ? 'border-danger-600/30 bg-danger-50 text-danger-700'
              : 'border-warning-700/30 bg-warning-50 text-warning-700',
          )}
          data-testid="meta-standing"
        >
          <p className="font-semibold">
            {standing.label}
            {account.metaStatusChangedAt && ` since ${formatDateTime(account.metaStatusChangedAt)}`}
          </p>
          {account.metaStatusReason && <p className="mt-0.5">{account.metaStatusReason}.</p>}
          <p className="mt-0.5">{standing.hint}</p>
        </div>
      )}
      {account.sendingSlowedUntil && (
        <p
          role="status"
          className="mt-4 rounded-lg border border-warning-700/30 bg-warning-50 px-3 py-2 text-sm text-warning-700"
        >
          Meta limited this number because too many of its messages were blocked or reported as spam. Messages still go
          out, {SPAM_COOL_OFF.factor} times slower, until {formatDateTime(account.sendingSlowedUntil)}. Send only
          messages your customers asked for.
        </p>
      )}
      {quality.hint && account.qualityRating && ['YELLOW', 'RED'].includes(account.qualityRating.toUpperCase()) && (
        <p className="mt-4 rounded-lg border border-warning-700/30 bg-warning-50 px-3 py-2 text-sm text-warning-700">
          {quality.hint}
        </p>
      )}
    </article>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-ink-subtle uppercase">{term}</dt>
      <dd className="mt-1 text-ink">{children}</dd>
    </div>
  );
}

function Badge({ described }: { described: Described }) {
  return <StatusBadge tone={described.tone}>{described.label}</StatusBadge>;
}
