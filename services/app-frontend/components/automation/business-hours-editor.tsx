'use client';

import { type FormEvent, useEffect, useState, useTransition } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { StatusBadge } from '@/components/status-badge';
import {
  type BusinessHoursDraft,
  WEEKDAY_LABELS,
  WEEK_ORDER,
  copyMondayToWeekdays,
  isOpenAt,
  nextHoursId,
  toHoursBody,
} from '@/lib/automation/business-hours';
import type { DraftErrors } from '@/lib/automation/rule-draft';
import { formatUtcOffset } from '@/lib/campaigns/campaign-time';

type SaveHours = (
  body: unknown,
) => Promise<{ ok: true; message: string } | { ok: false; message: string; fields?: Record<string, string> }>;

interface BusinessHoursEditorProps {
  initial: BusinessHoursDraft;
  /** The API's answer for the saved schedule; the page renders again with it after each save. */
  openNow: boolean;
  timeZones: readonly string[];
  onSave: SaveHours;
}

const TIME = 'w-24 rounded-lg border bg-surface px-2 py-1.5 text-sm tabular-nums';

/** The clock, re-read every half minute, so "open now" turns by itself at opening time. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time zone, the week's opening intervals and holidays, with whether the business is open right now. */
export function BusinessHoursEditor({ initial, openNow, timeZones, onSave }: BusinessHoursEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [result, setResult] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const [saving, startSaving] = useTransition();
  const [saved, setSaved] = useState(initial);
  const now = useNow();
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  // The server's answer for the saved hours; the draft's own while it is edited.
  const open = changed ? isOpenAt(draft, now) : openNow;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = toHoursBody(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setResult({ tone: 'error', message: 'Check the highlighted fields.' });
      return;
    }
    const sent = draft;
    // The last answer goes, so the next one is announced and never mistaken for it.
    setResult(null);
    startSaving(async () => {
      const answer = await onSave(checked.body);
      if (answer.ok) setSaved(sent);
      setErrors(answer.ok ? {} : (answer.fields ?? {}));
      setResult({ tone: answer.ok ? 'success' : 'error', message: answer.message });
    });
  }

  const setDay = (day: (typeof WEEK_ORDER)[number], intervals: BusinessHoursDraft['weekly']['monday']) =>
    setDraft((d) => ({ ...d, weekly: { ...d.weekly, [day]: intervals } }));

  const knownFields = [
    'timeZone',
    ...WEEK_ORDER.flatMap((day) => [`weekly.${day}`, ...draft.weekly[day].map((_, i) => `weekly.${day}.${i}`)]),
    ...draft.holidays.flatMap((_, i) => [`holidays.${i}`, `holidays.${i}.date`, `holidays.${i}.name`]),
  ];
  const intervalError = (day: string, i: number) =>
    errors[`weekly.${day}.${i}`] ?? errors[`weekly.${day}.${i}.from`] ?? errors[`weekly.${day}.${i}.to`];

  return (
    <form onSubmit={submit} noValidate aria-label="Business hours" className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3" role="status" data-testid="open-now">
        <StatusBadge tone={open ? 'success' : 'neutral'}>{open ? 'Open now' : 'Closed now'}</StatusBadge>
        <span className="text-sm text-ink-muted">
          {changed ? 'With the hours below, once saved.' : 'As saved.'}
          {` ${draft.timeZone}, ${safeOffset(now, draft.timeZone)}.`}
        </span>
      </div>
      {result && <FormAlert tone={result.tone} message={result.message} fields={errors} knownFields={knownFields} />}

      <div className="max-w-md">
        <FormField
          idPrefix="hours"
          name="timeZone"
          label="Time zone"
          list="hours-time-zones"
          autoComplete="off"
          value={draft.timeZone}
          onChange={(event) => setDraft((d) => ({ ...d, timeZone: event.target.value }))}
          error={errors.timeZone}
          hint="An IANA name, such as Europe/Lisbon or America/Sao_Paulo."
        />
        <datalist id="hours-time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-base font-semibold">Weekly hours</legend>
        <div className="flex flex-col divide-y divide-line rounded-lg border border-line">
          {WEEK_ORDER.map((day) => {
            const intervals = draft.weekly[day];
            const label = WEEKDAY_LABELS[day];
            return (
              <div
                key={day}
                className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start"
                data-testid={`hours-${day}`}
              >
                <p className="w-28 shrink-0 pt-1.5 text-sm font-medium">{label}</p>
                <div className="flex flex-1 flex-col gap-2">
                  {intervals.length === 0 && <p className="pt-1.5 text-sm text-ink-muted">Closed</p>}
                  {intervals.map((interval, i) => {
                    const error = intervalError(day, i);
                    const errorId = `hours-${day}-${i}-error`;
                    const update = (patch: Partial<typeof interval>) =>
                      setDay(
                        day,
                        intervals.map((x) => (x.id === interval.id ? { ...x, ...patch } : x)),
                      );
                    return (
                      <div key={interval.id} className="flex flex-col gap-1">
                        <div className="flex flex-wrap items-center gap-2 text-sm">
                          <label htmlFor={`hours-${day}-${i}-from`} className="sr-only">
                            {label} interval {i + 1} opens at
                          </label>
                          <input
                            id={`hours-${day}-${i}-from`}
                            value={interval.from}
                            inputMode="numeric"
                            placeholder="09:00"
                            onChange={(event) => update({ from: event.target.value })}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                            className={`${TIME} ${error ? 'border-danger-600' : 'border-line'}`}
                          />
                          <span aria-hidden="true">to</span>
                          <label htmlFor={`hours-${day}-${i}-to`} className="sr-only">
                            {label} interval {i + 1} closes at
                          </label>
                          <input
                            id={`hours-${day}-${i}-to`}
                            value={interval.to}
                            inputMode="numeric"
                            placeholder="17:00"
                            onChange={(event) => update({ to: event.target.value })}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                            className={`${TIME} ${error ? 'border-danger-600' : 'border-line'}`}
                          />
                          <Button
                            type="button"
                            variant="ghost"
                            className="px-2 py-1"
                            onClick={() =>
                              setDay(
                                day,
                                intervals.filter((x) => x.id !== interval.id),
                              )
                            }
                            aria-label={`Remove ${label} interval ${i + 1}`}
                          >
                            Remove
                          </Button>
                        </div>
                        {error && (
                          <p id={errorId} className="text-xs font-medium text-danger-700">
                            {error}
                          </p>
                        )}
                      </div>
                    );
                  })}
                  {errors[`weekly.${day}`] && (
                    <p className="text-xs font-medium text-danger-700">{errors[`weekly.${day}`]}</p>
                  )}
                </div>
                <Button
                  type="button"
                  variant="secondary"
                  className="self-start px-2 py-1"
                  onClick={() => {
                    const last = intervals[intervals.length - 1];
                    const from = last ? last.to : '09:00';
                    setDay(day, [...intervals, { id: nextHoursId(draft), from, to: last ? '24:00' : '17:00' }]);
                  }}
                  aria-label={`Add hours on ${label}`}
                >
                  Add hours
                </Button>
              </div>
            );
          })}
        </div>
        <p className="text-xs text-ink-subtle">
          Times as HH:MM on a 24-hour clock; 24:00 closes at midnight. A day without hours is closed.
        </p>
        <div>
          <Button type="button" variant="secondary" onClick={() => setDraft(copyMondayToWeekdays)}>
            Copy Monday to Tuesday–Friday
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-base font-semibold">Holidays</legend>
        <p className="text-sm text-ink-muted">Closed all day on these dates, whatever the weekly hours say.</p>
        {draft.holidays.length > 0 && (
          <ul className="flex flex-col gap-2">
            {draft.holidays.map((holiday, i) => {
              const update = (patch: Partial<typeof holiday>) =>
                setDraft((d) => ({
                  ...d,
                  holidays: d.holidays.map((h) => (h.id === holiday.id ? { ...h, ...patch } : h)),
                }));
              return (
                <li key={holiday.id} className="flex flex-wrap items-end gap-2" data-testid="holiday">
                  <FormField
                    idPrefix={`holiday-${holiday.id}`}
                    name="date"
                    label={`Holiday ${i + 1} date`}
                    type="date"
                    value={holiday.date}
                    onChange={(event) => update({ date: event.target.value })}
                    error={errors[`holidays.${i}.date`] ?? errors[`holidays.${i}`]}
                    className="w-44"
                  />
                  <FormField
                    idPrefix={`holiday-${holiday.id}`}
                    name="name"
                    label={`Holiday ${i + 1} name (optional)`}
                    autoComplete="off"
                    value={holiday.name}
                    onChange={(event) => update({ name: event.target.value })}
                    error={errors[`holidays.${i}.name`]}
                    className="min-w-48 flex-1"
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => setDraft((d) => ({ ...d, holidays: d.holidays.filter((h) => h.id !== holiday.id) }))}
                    aria-label={`Remove holiday ${i + 1}`}
                  >
                    Remove
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              setDraft((d) => ({ ...d, holidays: [...d.holidays, { id: nextHoursId(d), date: '', name: '' }] }))
            }
          >
            Add holiday
          </Button>
        </div>
      </fieldset>

      <div className="border-t border-line pt-4">
        <Button type="submit" pending={saving} pendingLabel="Saving…">
          Save business hours
        </Button>
      </div>
    </form>
  );
}

function safeOffset(now: number, timeZone: string): string {
  try {
    return formatUtcOffset(now, timeZone);
  } catch {
    return 'unknown time zone';
  }
}
