'use client';

import { formatUtcOffset, zonedDateTimeToIso } from '@/lib/campaigns/campaign-time';
import type { ScheduleDraft } from '@/lib/campaigns/campaign-wizard';
import { FieldError } from '@/components/field-error';

interface ScheduleStepProps {
  draft: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  timeZone: string;
  errors: Record<string, string>;
}

const INPUT = 'rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs';

/** Now, or a date and time on the workspace's clock (not the browser's). */
export function ScheduleStep({ draft, onChange, timeZone, errors }: ScheduleStepProps) {
  const error = errors.scheduledAt;
  const typed = draft.mode === 'later' ? zonedDateTimeToIso(draft.date, draft.time, timeZone) : null;
  // The zone's offset on the chosen day (summer and winter differ); none until a date is typed.
  const noon = zonedDateTimeToIso(draft.date, '12:00', timeZone);
  const reference = typed?.ok ? typed : noon;
  const offset = reference.ok ? ` (${formatUtcOffset(Date.parse(reference.iso), timeZone)})` : '';
  return (
    <div className="flex flex-col gap-5">
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">When</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="scheduleMode"
            checked={draft.mode === 'now'}
            onChange={() => onChange({ ...draft, mode: 'now' })}
            className="size-4 accent-brand-600"
          />
          Send now, once you confirm
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="scheduleMode"
            checked={draft.mode === 'later'}
            onChange={() => onChange({ ...draft, mode: 'later' })}
            className="size-4 accent-brand-600"
          />
          Schedule for a later date and time
        </label>
      </fieldset>
      {draft.mode === 'later' && (
        <fieldset className="flex flex-col gap-2" aria-describedby={`schedule-zone${error ? ' schedule-error' : ''}`}>
          <legend className="text-sm font-medium">Date and time</legend>
          <div className="flex flex-wrap gap-3">
            <label className="flex flex-col gap-1.5 text-sm font-medium">
              Date
              <input
                type="date"
                value={draft.date}
                onChange={(event) => onChange({ ...draft, date: event.target.value })}
                aria-invalid={error ? true : undefined}
                className={`${INPUT} font-normal ${error ? 'border-danger-600' : 'border-line'}`}
              />
            </label>
            <label className="flex flex-col gap-1.5 text-sm font-medium">
              Time
              <input
                type="time"
                value={draft.time}
                onChange={(event) => onChange({ ...draft, time: event.target.value })}
                aria-invalid={error ? true : undefined}
                className={`${INPUT} font-normal ${error ? 'border-danger-600' : 'border-line'}`}
              />
            </label>
          </div>
          <p id="schedule-zone" className="text-xs text-ink-subtle">
            In your workspace&apos;s time zone, {timeZone}
            {offset}. Change it in Settings.
          </p>
          <FieldError id="schedule-error" message={error} />
        </fieldset>
      )}
      {draft.mode === 'now' && <FieldError id="schedule-error" message={error} />}
    </div>
  );
}
