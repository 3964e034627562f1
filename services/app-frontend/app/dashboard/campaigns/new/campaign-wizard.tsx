'use client';

import { type FormEvent, useEffect, useReducer, useRef, useState, useTransition } from 'react';
import type { CampaignPreviewDto, PlanLimitWayOut } from '@aerostic/shared';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormAlert } from '@/components/form-alert';
import { zonedInputValues } from '@/lib/campaigns/campaign-time';
import { toCampaignVariables, variableFieldName, variablesReducer } from '@/lib/campaigns/campaign-variables';
import {
  type AudienceDraft,
  EMPTY_AUDIENCE,
  type ScheduleDraft,
  WIZARD_STEPS,
  type WizardStep,
  audienceOf,
  errorsOfStep,
  firstStepWithError,
  scheduledAtOf,
  stepIndex,
} from '@/lib/campaigns/campaign-wizard';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import { createCampaignAction, previewCampaignAction, type WizardResult } from './actions';
import { AudienceStep } from './audience-step';
import { RecipientPreviews } from './recipient-previews';
import { ReviewStep } from './review-step';
import { ScheduleStep } from './schedule-step';
import { TemplateStep } from './template-step';
import { VariablesStep } from './variables-step';
import type { PreviewState, WizardNumber } from './wizard-types';

/** The fields each step shows beside their input; an error naming another field is listed in the step's alert. */
const STEP_FIELDS: Record<WizardStep, readonly string[]> = {
  audience: ['audience', 'audience.tags', 'audience.attributes', 'audience.file', 'audience.contactIds'],
  template: ['whatsappAccountId', 'template', 'template.name', 'template.language'],
  variables: [],
  schedule: ['scheduledAt'],
  review: ['name'],
};

/** The preview's parameters without a value for some recipients, as errors of their fields. */
function missingErrors(preview: CampaignPreviewDto): Record<string, string> {
  return Object.fromEntries(
    preview.missing.map((m) => {
      const names = m.examples.map((e) => e.displayName).join(', ');
      const more = m.recipients > m.examples.length ? ` and ${m.recipients - m.examples.length} more` : '';
      const who = `${m.recipients} recipient${m.recipients === 1 ? '' : 's'} (${names}${more})`;
      return [variableFieldName(m.parameter), `No value for ${who}: map another field or use a fixed text`];
    }),
  );
}

/** Tomorrow at 09:00 on the workspace's clock: a sensible first guess for a scheduled send. */
function defaultSchedule(timeZone: string): ScheduleDraft {
  const { date } = zonedInputValues(Date.now() + 86_400_000, timeZone);
  return { mode: 'now', date, time: '09:00' };
}

/**
 * Audience → template → variables → schedule → review, in the browser; the API checks it all again on the last
 * step, and an error it names sends the person back to the step with that field.
 */
export function CampaignWizard({ numbers, timeZone }: { numbers: WizardNumber[]; timeZone: string }) {
  const [step, setStep] = useState<WizardStep>('audience');
  const [audience, setAudience] = useState<AudienceDraft>(EMPTY_AUDIENCE);
  const [numberId, setNumberId] = useState(numbers[0]!.id);
  const [template, setTemplate] = useState<InboxTemplate | null>(null);
  const [rows, dispatchRows] = useReducer(variablesReducer, []);
  const [schedule, setSchedule] = useState<ScheduleDraft>(() => defaultSchedule(timeZone));
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ message: string; wayOut?: PlanLimitWayOut } | null>(null);
  const alert = notice?.message ?? null;
  const setAlert = (message: string | null, wayOut?: PlanLimitWayOut) =>
    setNotice(message === null ? null : { message, wayOut });
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const [sending, startSending] = useTransition();

  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // Focus follows the step, so a screen reader announces where the person is now.
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [step]);

  /** The request as far as the steps before `upTo` fill it, or the errors of the first step that is not ready. */
  function draftBody(upTo: WizardStep): { ok: true; body: Record<string, unknown> } | { ok: false } {
    const problems: Record<string, string> = {};
    const body: Record<string, unknown> = { whatsappAccountId: numberId };
    const checkedAudience = audienceOf(audience);
    if (checkedAudience.ok) body.audience = checkedAudience.value;
    else Object.assign(problems, checkedAudience.errors);
    if (stepIndex(upTo) > stepIndex('template')) {
      if (!template) problems['template.name'] = 'Choose one of the approved templates of this number';
      else {
        const variables = toCampaignVariables(rows);
        body.template = { name: template.name, language: template.language, variables: variables.variables };
        if (!variables.ok && stepIndex(upTo) > stepIndex('variables')) Object.assign(problems, variables.errors);
      }
    }
    if (stepIndex(upTo) > stepIndex('schedule')) {
      const scheduledAt = scheduledAtOf(schedule, timeZone);
      if (scheduledAt.ok) {
        if (scheduledAt.value) body.scheduledAt = scheduledAt.value;
      } else Object.assign(problems, scheduledAt.errors);
    }
    const first = firstStepWithError(problems);
    if (first) {
      setErrors(problems);
      setAlert(first === step ? 'Check the highlighted fields.' : null);
      setStep(first);
      return { ok: false };
    }
    return { ok: true, body };
  }

  /** Reads the preview; parameters some recipients have no value for come back as errors beside their fields. */
  async function loadPreview(body: Record<string, unknown>): Promise<CampaignPreviewDto | null> {
    setPreview({ state: 'loading' });
    const result = await previewCampaignAction(body);
    if (!result.ok) {
      setPreview({ state: 'failed', message: result.message });
      showApiErrors(result);
      return null;
    }
    setPreview({ state: 'ready', preview: result.data });
    const missing = missingErrors(result.data);
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      setAlert('Some recipients have no value for a variable: map another field, or use a fixed text.');
    }
    return result.data;
  }

  function showApiErrors(result: Extract<WizardResult<unknown>, { ok: false }>): void {
    const first = firstStepWithError(result.fields);
    setErrors(result.fields ?? {});
    setAlert(result.message, result.wayOut);
    if (first && stepIndex(first) < stepIndex(step)) setStep(first);
  }

  async function goTo(next: WizardStep): Promise<void> {
    const draft = draftBody(next);
    if (!draft.ok) return;
    setErrors({});
    setAlert(null);
    if (step === 'variables' && stepIndex(next) > stepIndex('variables')) {
      // A parameter without a value for some recipient is an error to fix here, not an empty send.
      const checked = await loadPreview(draft.body);
      if (!checked || checked.missing.length > 0) return;
    }
    setStep(next);
    if (next === 'review') void loadPreview(draft.body);
    // A preview with a parameter still unmapped would only repeat what the form already says.
    else if (next === 'variables') {
      if (toCampaignVariables(rows).ok) void loadPreview(draft.body);
      else setPreview({ state: 'idle' });
    }
  }

  function refreshPreview(): void {
    // Checked up to the schedule: every parameter must be mapped, and each gap is shown beside its field.
    const draft = draftBody('schedule');
    if (!draft.ok) return;
    setErrors({});
    setAlert(null);
    void loadPreview(draft.body);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const index = stepIndex(step);
    if (step !== 'review') return void goTo(WIZARD_STEPS[index + 1]!.id);
    const draft = draftBody('review');
    if (!draft.ok) return;
    startSending(async () => {
      const result = await createCampaignAction({ ...draft.body, name });
      // Success redirects to the report; only a refusal comes back.
      if (!result.ok) showApiErrors(result);
    });
  }

  const stepErrors = errorsOfStep(errors, step);
  const current = WIZARD_STEPS[stepIndex(step)]!;
  const scheduled = schedule.mode === 'later';

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Campaign steps">
        <ol className="flex flex-wrap gap-2 text-sm">
          {WIZARD_STEPS.map((s, index) => {
            const done = index < stepIndex(step);
            const here = s.id === step;
            return (
              <li key={s.id} aria-current={here ? 'step' : undefined}>
                {done ? (
                  <button
                    type="button"
                    onClick={() => void goTo(s.id)}
                    className="rounded-full border border-line px-3 py-1 text-ink-muted hover:bg-canvas"
                  >
                    {index + 1}. {s.label}
                  </button>
                ) : (
                  <span
                    className={
                      here
                        ? 'inline-block rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800 ring-1 ring-brand-600/20 ring-inset'
                        : 'inline-block px-3 py-1 text-ink-subtle'
                    }
                  >
                    {index + 1}. {s.label}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <Card>
        <form onSubmit={submit} noValidate aria-labelledby="wizard-step-heading" className="flex flex-col gap-5">
          <h2 id="wizard-step-heading" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
            Step {stepIndex(step) + 1} of {WIZARD_STEPS.length}: {current.label}
          </h2>
          {(alert || Object.keys(stepErrors).length > 0) && (
            <FormAlert
              message={alert ?? 'Check the highlighted fields.'}
              fields={stepErrors}
              wayOut={notice?.wayOut}
              knownFields={step === 'variables' ? rows.map((r) => variableFieldName(r.key)) : STEP_FIELDS[step]}
            />
          )}

          {step === 'audience' && <AudienceStep draft={audience} onChange={setAudience} errors={stepErrors} />}
          {step === 'template' && (
            <TemplateStep
              numbers={numbers}
              numberId={numberId}
              templateId={template?.id ?? ''}
              onNumber={(id) => {
                setNumberId(id);
                setTemplate(null);
              }}
              onTemplate={(next) => {
                setTemplate(next);
                dispatchRows({ type: 'template', body: next.body });
              }}
              errors={stepErrors}
            />
          )}
          {step === 'variables' && template && (
            <VariablesStep
              body={template.body}
              rows={rows}
              dispatch={dispatchRows}
              errors={stepErrors}
              preview={<RecipientPreviews preview={preview} onRefresh={refreshPreview} />}
            />
          )}
          {step === 'schedule' && (
            <ScheduleStep draft={schedule} onChange={setSchedule} timeZone={timeZone} errors={stepErrors} />
          )}
          {step === 'review' && template && (
            <ReviewStep
              name={name}
              onName={setName}
              template={template}
              numberLabel={numbers.find((n) => n.id === numberId)?.label ?? ''}
              schedule={schedule}
              timeZone={timeZone}
              preview={preview}
              errors={stepErrors}
            />
          )}

          <div className="flex flex-wrap gap-3 border-t border-line pt-4">
            {step !== 'audience' && (
              <Button
                type="button"
                variant="secondary"
                onClick={() => void goTo(WIZARD_STEPS[stepIndex(step) - 1]!.id)}
                disabled={sending}
              >
                Back
              </Button>
            )}
            {step === 'review' ? (
              <Button
                type="submit"
                pending={sending}
                pendingLabel={scheduled ? 'Scheduling…' : 'Sending…'}
                disabled={preview.state !== 'ready' || preview.preview.sending === 0}
              >
                {scheduled ? 'Schedule campaign' : 'Send campaign now'}
              </Button>
            ) : (
              <Button type="submit">Continue</Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
