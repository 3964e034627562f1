'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { TextInput } from '@/components/ui/fields';
import { Notice } from '@/components/ui/notice';
import { confirmEnrolmentAction, startEnrolmentAction } from './actions';
import { type EnrolState, NOT_STARTED } from './enrol-state';

/** Ask for a key, scan it, confirm with the first code. */
export function EnrolSteps() {
  const [started, start, starting] = useActionState(startEnrolmentAction, NOT_STARTED);
  if (!started.enrolment) {
    return (
      <form action={start} className="flex flex-col gap-4">
        {started.status === 'error' && <Notice tone="error">{started.message}</Notice>}
        <Button type="submit" look="primary" busy={starting} busyText="Preparing…">
          Show my QR code
        </Button>
      </form>
    );
  }
  return <ConfirmStep initial={{ status: 'idle', enrolment: started.enrolment }} />;
}

function ConfirmStep({ initial }: { initial: EnrolState }) {
  const [state, confirm, pending] = useActionState(confirmEnrolmentAction, initial);
  const enrolment = state.enrolment ?? initial.enrolment;
  if (!enrolment) return null;
  return (
    <div className="flex flex-col gap-5">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-ink-muted">
        <li>Open an authenticator app (1Password, Google Authenticator, Authy…) and add an account.</li>
        <li>Scan the QR code, or type the secret key if you cannot scan.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      {/* A data: URL made by the API: nothing is fetched from another host. */}
      <img
        src={enrolment.qrCodeDataUrl}
        alt="QR code to scan with your authenticator app; the same key is written out below"
        width={200}
        height={200}
        className="self-center rounded-md border border-line"
      />
      <CopyField id="enrol-secret" label="Secret key" value={enrolment.secret} />
      <form action={confirm} className="flex flex-col gap-4" noValidate aria-label="Confirm your authenticator">
        {state.status === 'error' && (
          <Notice tone="error" strayFields={state.fields} shownFields={['code']}>
            {state.message}
          </Notice>
        )}
        <TextInput
          id="enrol-code"
          name="code"
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          autoFocus
          error={state.fields?.code}
        />
        <Button type="submit" look="primary" busy={pending} busyText="Checking…">
          Turn on two-step sign-in
        </Button>
      </form>
    </div>
  );
}
