'use client';

import { TEMPLATE_LIMITS, templateVariables } from '@aerostic/shared';
import { FormField } from '@/components/form-field';
import { cn } from '@/lib/cn';

const TEXTAREA =
  'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs placeholder:text-ink-subtle min-h-28';

export interface TemplateBodyFieldProps {
  idPrefix: string;
  body: string;
  /** One example per variable of the body, in order. */
  examples: string[];
  onBody: (body: string) => void;
  onExamples: (examples: string[]) => void;
  errors: { body?: string; bodyExamples?: string };
}

/** The template's body, and an example for each of its `{{n}}` variables, which Meta reviews the template with. */
export function TemplateBodyField({ idPrefix, body, examples, onBody, onExamples, errors }: TemplateBodyFieldProps) {
  const variables = templateVariables(body);
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${idPrefix}-body`} className="text-sm font-medium text-ink">
          Body
        </label>
        <textarea
          id={`${idPrefix}-body`}
          name="body"
          maxLength={TEMPLATE_LIMITS.bodyTextMaxLength}
          placeholder="Hi {{1}}, your order {{2}} has shipped."
          value={body}
          onChange={(e) => onBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${idPrefix}-body-hint${errors.body ? ` ${idPrefix}-body-error` : ''}`}
          className={cn(TEXTAREA, errors.body ? 'border-danger-600' : 'border-line')}
        />
        <p id={`${idPrefix}-body-hint`} className="text-xs text-ink-subtle">
          Up to {TEMPLATE_LIMITS.bodyTextMaxLength} characters ({body.length} so far). Write {'{{1}}'}, {'{{2}}'}, …
          where each customer’s details go; not at the very start or end.
        </p>
        {errors.body && (
          <p id={`${idPrefix}-body-error`} className="text-xs font-medium text-danger-700">
            {errors.body}
          </p>
        )}
      </div>

      {variables.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-line p-3">
          <legend className="px-1 text-sm font-medium">Examples for Meta’s review</legend>
          <p className="text-xs text-ink-subtle">Meta reads the template with these values before approving it.</p>
          <div className="grid gap-3 md:grid-cols-2">
            {variables.map((name, i) => (
              <FormField
                key={name}
                idPrefix={`${idPrefix}-example-${i}`}
                name="bodyExample"
                label={`{{${name}}}`}
                autoComplete="off"
                value={examples[i] ?? ''}
                onChange={(e) => {
                  const next = [...examples];
                  next[i] = e.target.value;
                  onExamples(next);
                }}
              />
            ))}
          </div>
          {errors.bodyExamples && <p className="text-xs font-medium text-danger-700">{errors.bodyExamples}</p>}
        </fieldset>
      )}
    </>
  );
}
