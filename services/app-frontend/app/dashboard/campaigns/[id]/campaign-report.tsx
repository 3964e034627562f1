'use client';

import { useRouter } from 'next/navigation';
import { CAMPAIGN_RECIPIENT_STATES, type CampaignDto } from '@aerostic/shared';
import { CampaignProgress } from '@/components/campaigns/campaign-progress';
import { CampaignStatusBadge } from '@/components/campaigns/campaign-status-badge';
import { useLiveCampaign } from '@/components/campaigns/use-live-campaign';
import { Card } from '@/components/card';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { ConnectionBanner } from '@/components/inbox/connection-banner';
import {
  RECIPIENT_STATE_VIEW,
  campaignRates,
  formatCount,
  formatMoney,
  formatRate,
} from '@/lib/campaigns/campaign-format';
import { formatInTimeZone } from '@/lib/campaigns/campaign-time';
import { cancelCampaignAction, pauseCampaignAction, resumeCampaignAction } from './actions';

interface CampaignReportProps {
  campaign: CampaignDto;
  numberLabel: string;
  timeZone: string;
  /** Pausing, resuming and cancelling are for admins; everyone follows the report. */
  admin: boolean;
}

/**
 * The campaign's status, totals and rates, kept live by `campaign.updated`; each event also renders the server
 * part of the page again (the recipients table), at most once a second.
 */
export function CampaignReport({ campaign: rendered, numberLabel, timeZone, admin }: CampaignReportProps) {
  const router = useRouter();
  const { campaign, status } = useLiveCampaign(rendered, () => router.refresh());

  const { totals } = campaign;
  const rates = campaignRates(totals);

  return (
    <div className="flex flex-col gap-6">
      <ConnectionBanner status={status} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-ink-muted">Status</dt>
          <dd aria-live="polite" data-testid="campaign-status">
            <CampaignStatusBadge status={campaign.status} />
          </dd>
          <dt className="text-ink-muted">Template</dt>
          <dd>
            {campaign.template.name} ({campaign.template.language}), {campaign.template.category.toLowerCase()}
          </dd>
          <dt className="text-ink-muted">From</dt>
          <dd className="tabular-nums">{numberLabel}</dd>
          <dt className="text-ink-muted">{campaign.startedAt ? 'Started' : 'Scheduled for'}</dt>
          <dd>
            {formatInTimeZone(campaign.startedAt ?? campaign.scheduledAt, timeZone)}{' '}
            <span className="text-ink-subtle">({timeZone})</span>
          </dd>
          {campaign.completedAt && (
            <>
              <dt className="text-ink-muted">Completed</dt>
              <dd>{formatInTimeZone(campaign.completedAt, timeZone)}</dd>
            </>
          )}
          {campaign.cancelledAt && (
            <>
              <dt className="text-ink-muted">Cancelled</dt>
              <dd>{formatInTimeZone(campaign.cancelledAt, timeZone)}</dd>
            </>
          )}
          <dt className="text-ink-muted">Estimated cost</dt>
          <dd>{formatMoney(campaign.estimate.total, campaign.estimate.currency)}</dd>
        </dl>
        {admin && <CampaignControls campaign={campaign} />}
      </div>

      <Card title="Progress">
        <CampaignProgress totals={totals} />
        <dl className="mt-4 grid gap-3 sm:grid-cols-3" aria-label="Rates">
          <Rate label="Delivered" value={rates.delivered} hint="of the messages sent" />
          <Rate label="Read" value={rates.read} hint="of the messages sent" />
          <Rate label="Replied" value={rates.replied} hint="of the messages sent" />
        </dl>
        <h3 className="mt-6 text-sm font-semibold">Recipients by state</h3>
        <dl
          className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-9"
          data-testid="campaign-totals"
        >
          {CAMPAIGN_RECIPIENT_STATES.map((state) => (
            <div key={state} className="rounded-lg border border-line p-3" data-state={state}>
              <dt className="text-xs font-medium text-ink-muted">{RECIPIENT_STATE_VIEW[state].label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{formatCount(totals[state])}</dd>
              <dd className="text-xs text-ink-subtle">{formatRate(totals[state], totals.recipients)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-ink-subtle">
          {formatCount(totals.recipients)} recipients in all. Each is counted once, in its latest state: a read message
          was also delivered.
        </p>
      </Card>
    </div>
  );
}

function Rate({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-lg bg-canvas p-3">
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-ink-subtle">{hint}</dd>
    </div>
  );
}

/** What can be done in the campaign's status; finished campaigns have nothing left to control. */
function CampaignControls({ campaign }: { campaign: CampaignDto }) {
  const { status, id, name } = campaign;
  if (status === 'completed' || status === 'cancelled') return null;
  const fields = { campaignId: id };
  return (
    <div className="flex flex-wrap items-start gap-3">
      {(status === 'running' || status === 'scheduled') && (
        <ConfirmActionButton
          key="pause"
          tone="neutral"
          action={pauseCampaignAction}
          fields={fields}
          idPrefix="pause-campaign"
          openLabel="Pause"
          openAccessibleName={`Pause ${name}`}
          question={
            <>
              <strong className="font-semibold">Pause {name}?</strong> Messages already handed to WhatsApp still arrive;
              the rest wait until you resume.
            </>
          }
          confirmLabel="Yes, pause"
          pendingLabel="Pausing…"
          keepLabel="Keep sending"
        />
      )}
      {status === 'paused' && (
        <ConfirmActionButton
          key="resume"
          tone="neutral"
          action={resumeCampaignAction}
          fields={fields}
          idPrefix="resume-campaign"
          openLabel="Resume"
          openAccessibleName={`Resume ${name}`}
          question={
            <>
              <strong className="font-semibold">Resume {name}?</strong> Sending carries on with the recipients not sent
              yet.
            </>
          }
          confirmLabel="Yes, resume"
          pendingLabel="Resuming…"
          keepLabel="Stay paused"
        />
      )}
      <ConfirmActionButton
        key="cancel"
        action={cancelCampaignAction}
        fields={fields}
        idPrefix="cancel-campaign"
        openLabel="Cancel campaign"
        openAccessibleName={`Cancel campaign ${name}`}
        question={
          <>
            <strong className="font-semibold">Cancel {name}?</strong> Recipients not sent yet will not receive it. This
            cannot be undone.
          </>
        }
        confirmLabel="Yes, cancel it"
        pendingLabel="Cancelling…"
        keepLabel="Keep it"
      />
    </div>
  );
}
