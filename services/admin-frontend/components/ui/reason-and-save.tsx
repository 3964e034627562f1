import { Button } from './button';
import { TextArea } from './fields';

interface ReasonAndSaveProps {
  /** The form's id; the reason's field takes `${id}-reason`. */
  id: string;
  defaultReason?: string;
  error?: string;
  pending: boolean;
  submitLabel: string;
}

/** The end of an audited admin form: why (kept in the audit log) and the button that saves. */
export function ReasonAndSave({ id, defaultReason, error, pending, submitLabel }: ReasonAndSaveProps) {
  return (
    <>
      <TextArea
        id={`${id}-reason`}
        name="reason"
        label="Reason (optional)"
        hint="Kept in the audit log with the change."
        maxLength={500}
        rows={2}
        defaultValue={defaultReason}
        error={error}
      />
      <div>
        <Button type="submit" look="primary" busy={pending} busyText="Saving…">
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
