'use client';

import { AUTOMATION_TRIGGER_TYPES, type AutomationTriggerType, KEYWORD_MATCHES } from '@aerostic/shared';
import { FieldError } from '@/components/field-error';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TextareaField } from '@/components/textarea-field';
import type { DraftErrors, TriggerDraft } from '@/lib/automation/rule-draft';
import { MATCH_LABELS, TRIGGER_LABELS } from '@/lib/automation/rule-labels';

/** Errors of single keywords (`trigger.keywords.2`) as one message naming their lines. */
export function keywordsError(errors: DraftErrors): string | undefined {
  const lines = Object.entries(errors)
    .map(([field, message]) => [/^trigger\.keywords\.(\d+)$/.exec(field)?.[1], message] as const)
    .filter((entry): entry is readonly [string, string] => entry[0] !== undefined)
    .map(([index, message]) => `Line ${Number(index) + 1}: ${message}`);
  const whole = errors['trigger.keywords'] ?? errors['trigger.match'];
  return [whole, ...lines].filter(Boolean).join(' · ') || undefined;
}

export const TRIGGER_FIELDS = ['trigger', 'trigger.type', 'trigger.keywords', 'trigger.match', 'trigger.minutes'];

interface RuleTriggerFieldsProps {
  draft: TriggerDraft;
  onChange: (draft: TriggerDraft) => void;
  errors: DraftErrors;
}

/** When the rule runs: the event, and for messages the keywords and how they match. */
export function RuleTriggerFields({ draft, onChange, errors }: RuleTriggerFieldsProps) {
  const set = (patch: Partial<TriggerDraft>) => onChange({ ...draft, ...patch });
  const keywordError = keywordsError(errors);
  return (
    <div className="flex flex-col gap-4">
      <SelectField
        idPrefix="trigger"
        name="type"
        label="Trigger"
        value={draft.type}
        onChange={(event) => set({ type: event.target.value as AutomationTriggerType })}
        options={AUTOMATION_TRIGGER_TYPES.map((type) => ({ value: type, label: TRIGGER_LABELS[type] }))}
        error={errors['trigger.type'] ?? errors.trigger}
        className="max-w-md"
      />
      {draft.type === 'message_received' && (
        <div className="grid gap-4 md:grid-cols-2">
          <TextareaField
            idPrefix="trigger"
            name="keywords"
            label="Keywords, one per line"
            rows={4}
            value={draft.keywords}
            onChange={(event) => set({ keywords: event.target.value })}
            error={keywordError}
            hint="Upper and lower case and accents do not matter. No keywords: every message."
          />
          <fieldset className="flex flex-col gap-2" aria-describedby="trigger-match-hint">
            <legend className="text-sm font-medium">The message</legend>
            {KEYWORD_MATCHES.map((match) => (
              <label key={match} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="trigger-match"
                  value={match}
                  checked={draft.match === match}
                  onChange={() => set({ match })}
                  className="size-4 accent-brand-600"
                />
                {MATCH_LABELS[match]}
              </label>
            ))}
            <p id="trigger-match-hint" className="text-xs text-ink-subtle">
              “Contains” finds the keyword anywhere in the message; “exactly” needs the whole message to be it.
            </p>
          </fieldset>
        </div>
      )}
      {draft.type === 'no_reply' && (
        <FormField
          idPrefix="trigger"
          name="minutes"
          label="Minutes without a reply from the team"
          type="number"
          inputMode="numeric"
          min={1}
          value={draft.minutes}
          onChange={(event) => set({ minutes: event.target.value })}
          error={errors['trigger.minutes']}
          hint="Counted from the customer's last message."
          className="max-w-xs"
        />
      )}
      {draft.type === 'outside_business_hours' && (
        <p className="text-sm text-ink-muted">
          Uses the workspace’s business hours, holidays included: set them in the Business hours section.
        </p>
      )}
      {draft.type !== 'no_reply' && <FieldError id="trigger-minutes-error" message={errors['trigger.minutes']} />}
    </div>
  );
}
