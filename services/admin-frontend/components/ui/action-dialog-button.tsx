'use client';

import { type ReactNode, useActionState, useRef, useState } from 'react';
import { type FormState, IDLE_FORM_STATE } from '@aerostic/shared/web';
import { Button, type ButtonLook } from './button';
import { TextArea } from './fields';
import { ModalDialog } from './modal-dialog';
import { Notice } from './notice';

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

interface ActionDialogButtonProps {
  action: FormAction;
  /** Hidden fields naming what the action applies to. */
  fields: Record<string, string>;
  /** Unique on the page: the dialog's ids derive from it. */
  id: string;
  trigger: string;
  /** The trigger's accessible name when its text alone is ambiguous ("Deactivate" → "Deactivate Ada"). */
  triggerName?: string;
  triggerLook?: ButtonLook;
  title: string;
  description: ReactNode;
  /** A reason kept in the audit log: required, optional, or not asked for. */
  reason?: { label: string; required: boolean; hint?: string };
  confirm: string;
  busyText: string;
  confirmLook?: ButtonLook;
}

/**
 * A button that opens a dialog to confirm an action, with a reason when the action is audited with one. The
 * dialog closes when the action succeeds and says why when it does not; focus returns to the button.
 */
export function ActionDialogButton({
  action,
  fields,
  id,
  trigger,
  triggerName,
  triggerLook = 'secondary',
  title,
  description,
  reason,
  confirm,
  busyText,
  confirmLook = 'danger',
}: ActionDialogButtonProps) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    triggerRef.current?.focus();
  }

  const [state, formAction, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    if (next.status === 'success') close();
    return next;
  }, IDLE_FORM_STATE);

  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        ref={triggerRef}
        look={triggerLook}
        aria-label={triggerName}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {trigger}
      </Button>
      {!open && state.status === 'success' && <Notice tone="success">{state.message}</Notice>}
      <ModalDialog open={open} onClose={close} id={id} title={title} description={description}>
        <form action={formAction} className="flex flex-col gap-4" noValidate>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {state.status === 'error' && (
            <Notice tone="error" strayFields={state.fields} shownFields={['reason']}>
              {state.message}
            </Notice>
          )}
          {reason && (
            <TextArea
              id={`${id}-reason`}
              name="reason"
              label={reason.required ? reason.label : `${reason.label} (optional)`}
              hint={reason.hint}
              required={reason.required}
              maxLength={500}
              autoFocus
              defaultValue={state.values?.reason}
              error={state.fields?.reason}
            />
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button look="secondary" onClick={close} disabled={pending} autoFocus={!reason}>
              Cancel
            </Button>
            <Button type="submit" look={confirmLook} busy={pending} busyText={busyText}>
              {confirm}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </div>
  );
}
