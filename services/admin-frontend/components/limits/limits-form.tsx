'use client';

import { useActionState } from 'react';
import { LIMIT_NAMES, type LimitValues } from '@aerostic/shared';
import { type FormState, IDLE_FORM_STATE } from '@aerostic/shared/web';
import { Notice } from '@/components/ui/notice';
import { ReasonAndSave } from '@/components/ui/reason-and-save';
import { formatLimit } from '@/lib/labels';
import { LIMIT_LABELS, limitMode, type LimitMode } from '@/lib/limits-form';

interface LimitsFormProps {
  id: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** `overrides`: a tenant's own limits, each may follow the default; `defaults`: the platform's. */
  kind: 'overrides' | 'defaults';
  /** The values the form starts from (the tenant's overrides, or the defaults). */
  current: Partial<LimitValues>;
  /** What applies without an override (the plan's quotas over the platform defaults), named in the first choice. */
  defaults: LimitValues;
  /** Whose values `defaults` are, in "Follow …": the platform default unless a plan's. */
  defaultsName?: string;
  /** Hidden fields naming what is edited (the tenant's id). */
  fields?: Record<string, string>;
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
}

/** One fieldset per limit: follow the default (overrides only), unlimited, or a maximum. */
export function LimitsForm({
  id,
  action,
  kind,
  current,
  defaults,
  defaultsName = 'the platform default',
  fields = {},
  label,
  submitLabel,
}: LimitsFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const typed = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label={label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'error' && (
        <Notice tone="error" strayFields={state.fields} shownFields={[...LIMIT_NAMES, 'reason']}>
          {state.message}
        </Notice>
      )}
      {state.status === 'success' && <Notice tone="success">{state.message}</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        {LIMIT_NAMES.map((name) => {
          const storedMode = limitMode(current[name]);
          const mode =
            (typed?.[`${name}.mode`] as LimitMode | undefined) ||
            (kind === 'defaults' && storedMode === 'default' ? 'max' : storedMode);
          const max = typed?.[`${name}.max`] ?? (typeof current[name] === 'number' ? String(current[name]) : '');
          const error = state.fields?.[name];
          const base = `${id}-${name}`;
          return (
            <fieldset
              key={name}
              className="rounded-md border border-line px-3 pt-1 pb-3"
              aria-describedby={error ? `${base}-error` : undefined}
            >
              <legend className="px-1 text-sm font-semibold">{LIMIT_LABELS[name]}</legend>
              <div className="flex flex-col gap-1.5 text-sm">
                {kind === 'overrides' && (
                  <label className="flex items-center gap-2">
                    <input type="radio" name={`${name}.mode`} value="default" defaultChecked={mode === 'default'} />
                    Follow {defaultsName} ({formatLimit(defaults[name])})
                  </label>
                )}
                <label className="flex items-center gap-2">
                  <input type="radio" name={`${name}.mode`} value="unlimited" defaultChecked={mode === 'unlimited'} />
                  Unlimited
                </label>
                <div className="flex flex-wrap items-center gap-2">
                  <label className="flex items-center gap-2">
                    <input type="radio" name={`${name}.mode`} value="max" defaultChecked={mode === 'max'} />
                    At most
                  </label>
                  <input
                    id={`${base}-max`}
                    name={`${name}.max`}
                    inputMode="numeric"
                    aria-label={`Maximum ${LIMIT_LABELS[name].toLowerCase()}`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${base}-error` : undefined}
                    defaultValue={max}
                    className="w-32 rounded-md border border-ink-subtle/50 px-2 py-1 text-sm tabular-nums aria-invalid:border-danger-600"
                  />
                </div>
                {error && (
                  <p id={`${base}-error`} className="text-xs font-medium text-danger-700">
                    {error}
                  </p>
                )}
              </div>
            </fieldset>
          );
        })}
      </div>
      <ReasonAndSave
        id={id}
        defaultReason={typed?.reason}
        error={state.fields?.reason}
        pending={pending}
        submitLabel={submitLabel}
      />
    </form>
  );
}
