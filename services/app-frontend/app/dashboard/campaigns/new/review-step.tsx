'use client';

import { CAMPAIGN_LIMITS, type CampaignSkipReason } from '@aerostic/shared';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { formatCount, formatMoney, marketLabel, reasonLabel } from '@/lib/campaigns/campaign-format';
import { formatInTimeZone, zonedDateTimeToIso } from '@/lib/campaigns/campaign-time';
import type { ScheduleDraft } from '@/lib/campaigns/campaign-wizard';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import type { PreviewState } from './wizard-types';

interface ReviewStepProps {
  name: string;
  onName: (name: string) => void;
  template: InboxTemplate;
  numberLabel: string;
  schedule: ScheduleDraft;
  timeZone: string;
  preview: PreviewState;
  errors: Record<string, string>;
}

/** Everything the campaign will do, counted by the API, before the person sends or schedules it. */
export function ReviewStep({
  name,
  onName,
  template,
  numberLabel,
  schedule,
  timeZone,
  preview,
  errors,
}: ReviewStepProps) {
  const at = schedule.mode === 'later' ? zonedDateTimeToIso(schedule.date, schedule.time, timeZone) : null;
  return (
    <div className="flex flex-col gap-5">
      <FormField
        idPrefix="campaign"
        name="name"
        label="Campaign name"
        value={name}
        onChange={(event) => onName(event.target.value)}
        maxLength={CAMPAIGN_LIMITS.nameMaxLength}
        autoComplete="off"
        placeholder="Spring sale"
        required
        error={errors.name}
        hint="Only your team sees it."
        className="max-w-md"
      />
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-ink-muted">From</dt>
        <dd>{numberLabel}</dd>
        <dt className="text-ink-muted">Template</dt>
        <dd>
          {template.name} ({template.language})
        </dd>
        <dt className="text-ink-muted">When</dt>
        <dd>{at?.ok ? `${formatInTimeZone(at.iso, timeZone)} (${timeZone})` : 'Now, as soon as you confirm'}</dd>
      </dl>

      {preview.state === 'loading' && (
        <p role="status" className="text-sm text-ink-muted">
          Counting recipients and the cost…
        </p>
      )}
      {preview.state === 'failed' && <FormAlert message={preview.message} />}
      {preview.state === 'ready' && <Counts preview={preview.preview} />}
    </div>
  );
}

function Counts({ preview }: { preview: Extract<PreviewState, { state: 'ready' }>['preview'] }) {
  const skipped = (Object.entries(preview.skipped) as Array<[CampaignSkipReason, number]>).filter(([, n]) => n > 0);
  const skippedTotal = skipped.reduce((sum, [, n]) => sum + n, 0);
  const { estimate } = preview;
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="review-recipients-heading">
        <h3 id="review-recipients-heading" className="text-sm font-semibold">
          Recipients
        </h3>
        <dl className="mt-2 grid gap-3 sm:grid-cols-3" data-testid="review-counts">
          <div className="rounded-lg bg-canvas p-3">
            <dt className="text-sm text-ink-muted">Matched</dt>
            <dd className="text-2xl font-semibold tabular-nums">{formatCount(preview.recipients)}</dd>
          </div>
          <div className="rounded-lg bg-canvas p-3">
            <dt className="text-sm text-ink-muted">Will receive it</dt>
            <dd className="text-2xl font-semibold tabular-nums">{formatCount(preview.sending)}</dd>
          </div>
          <div className="rounded-lg bg-canvas p-3">
            <dt className="text-sm text-ink-muted">Skipped</dt>
            <dd className="text-2xl font-semibold tabular-nums">{formatCount(skippedTotal)}</dd>
          </div>
        </dl>
        {skipped.length > 0 && (
          <ul className="mt-3 flex flex-col gap-1 text-sm" aria-label="Skipped recipients by reason">
            {skipped.map(([reason, count]) => (
              <li key={reason} className="flex justify-between gap-4 border-b border-line py-1">
                <span>{reasonLabel(reason)}</span>
                <span className="tabular-nums">{formatCount(count)}</span>
              </li>
            ))}
          </ul>
        )}
        {preview.sending === 0 && (
          <FormAlert
            className="mt-3"
            message="Nobody in this audience can receive this template. Go back and change it."
          />
        )}
      </section>

      <section aria-labelledby="review-cost-heading">
        <h3 id="review-cost-heading" className="text-sm font-semibold">
          Estimated cost: {formatMoney(estimate.total, estimate.currency)}
        </h3>
        <p className="mt-1 text-xs text-ink-subtle">
          Meta charges {estimate.category.toLowerCase()} templates per delivered message, at the rate of each
          recipient&apos;s market. The invoice from Meta is what counts.
        </p>
        {estimate.lines.length > 0 && (
          <table className="mt-2 w-full max-w-xl text-left text-sm">
            <caption className="sr-only">Estimated cost by market</caption>
            <thead className="text-xs tracking-wide text-ink-subtle uppercase">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Market
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Recipients
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Per message
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Subtotal
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {estimate.lines.map((line) => (
                <tr key={line.market}>
                  <td className="py-1">{marketLabel(line.market)}</td>
                  <td className="py-1 text-right tabular-nums">{formatCount(line.recipients)}</td>
                  <td className="py-1 text-right tabular-nums">
                    {formatMoney(line.unitPrice, estimate.currency, true)}
                  </td>
                  <td className="py-1 text-right tabular-nums">
                    {formatMoney(line.unitPrice * line.recipients, estimate.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
