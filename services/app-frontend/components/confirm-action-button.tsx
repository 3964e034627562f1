'use client';

import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

export interface ConfirmActionButtonProps {
  /** The server action run after the second click; it receives the hidden fields. */
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Hidden form fields naming what the action applies to. */
  fields: Record<string, string>;
  /** Unique on the page: prefixes the ids that carry focus between the button and the question. */
  idPrefix: string;
  /** The first button's text and its accessible name (e.g. "Delete" and "Delete order_update (en)"). */
  openLabel: string;
  openAccessibleName: string;
  /** The question, with what the action does. */
  question: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  keepLabel: string;
  /** `neutral` for an action that can be undone (pausing); `danger` for one that cannot. */
  tone?: 'danger' | 'neutral';
}

/** An action with consequences that takes a second, explicit click, with focus kept where a keyboard user expects it. */
export function ConfirmActionButton({
  action,
  fields,
  idPrefix,
  openLabel,
  openAccessibleName,
  question,
  confirmLabel,
  pendingLabel,
  keepLabel,
  tone = 'danger',
}: ConfirmActionButtonProps) {
  const variant = tone === 'danger' ? 'danger' : 'secondary';
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const [confirming, setConfirming] = useState(false);
  const wasConfirming = useRef(false);
  const questionId = `${idPrefix}-question`;
  const openId = `${idPrefix}-open`;
  const keepId = `${idPrefix}-keep`;

  // Focus follows the question: onto its safe answer when it opens, back to the button when it closes.
  useEffect(() => {
    if (confirming) document.getElementById(keepId)?.focus();
    else if (wasConfirming.current) document.getElementById(openId)?.focus();
    wasConfirming.current = confirming;
  }, [confirming, keepId, openId]);

  if (!confirming) {
    return (
      <div className="flex flex-col items-start gap-2 sm:items-end">
        <Button
          id={openId}
          type="button"
          variant={variant}
          onClick={() => setConfirming(true)}
          aria-label={openAccessibleName}
        >
          {openLabel}
        </Button>
        {state.status === 'error' && (
          <FormAlert message={state.message} fields={state.fields} wayOut={state.wayOut} className="text-xs" />
        )}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-labelledby={questionId}
      className={
        tone === 'danger'
          ? 'flex max-w-sm flex-col gap-3 rounded-lg border border-danger-600/30 bg-danger-50 p-3'
          : 'flex max-w-sm flex-col gap-3 rounded-lg border border-line bg-canvas p-3'
      }
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p id={questionId} className={tone === 'danger' ? 'text-sm text-danger-700' : 'text-sm text-ink'}>
        {question}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant={tone === 'danger' ? 'danger' : 'primary'}
          pending={pending}
          pendingLabel={pendingLabel}
        >
          {confirmLabel}
        </Button>
        <Button id={keepId} type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {keepLabel}
        </Button>
      </div>
      {state.status === 'error' && (
        <FormAlert message={state.message} fields={state.fields} wayOut={state.wayOut} className="text-xs" />
      )}
    </form>
  );
}
