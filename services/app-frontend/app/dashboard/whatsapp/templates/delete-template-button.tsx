'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { deleteTemplateAction } from './actions';

/** Deleting removes the template at Meta too, so it takes a second, explicit click. */
export function DeleteTemplateButton({ templateId, label }: { templateId: string; label: string }) {
  const [state, formAction, pending] = useActionState(deleteTemplateAction, IDLE_FORM_STATE);
  const [confirming, setConfirming] = useState(false);
  const wasConfirming = useRef(false);
  const questionId = `delete-template-question-${templateId}`;
  const openId = `delete-template-${templateId}`;
  const keepId = `delete-template-keep-${templateId}`;

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
          variant="danger"
          onClick={() => setConfirming(true)}
          aria-label={`Delete ${label}`}
        >
          Delete
        </Button>
        {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} className="text-xs" />}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-labelledby={questionId}
      className="flex max-w-sm flex-col gap-3 rounded-lg border border-danger-600/30 bg-danger-50 p-3"
    >
      <input type="hidden" name="templateId" value={templateId} />
      <p id={questionId} className="text-sm text-danger-700">
        <strong className="font-semibold">Delete {label}?</strong> It is deleted at Meta too and can no longer be sent.
        Meta does not let you reuse the name for 30 days.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" pending={pending} pendingLabel="Deleting…">
          Yes, delete
        </Button>
        <Button id={keepId} type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Keep it
        </Button>
      </div>
      {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} className="text-xs" />}
    </form>
  );
}
