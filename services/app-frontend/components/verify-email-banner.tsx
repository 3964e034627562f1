'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { resendVerificationAction } from '@/lib/session/verification-actions';

/** Shown until the member opens the link mailed at sign-up; connecting a WhatsApp number waits for it. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(resendVerificationAction, IDLE_FORM_STATE);
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 border-b border-warning-700/30 bg-warning-50 px-4 py-2 text-sm text-warning-700 lg:px-6"
    >
      <p>
        Confirm your email address: open the link we sent to <strong className="font-medium">{email}</strong> before
        connecting a WhatsApp number.{state.message && <span className="ml-1">{state.message}</span>}
      </p>
      <form action={formAction}>
        <Button
          type="submit"
          variant="ghost"
          pending={pending}
          pendingLabel="Sending…"
          className="px-2 py-1 text-xs"
          disabled={state.status === 'success'}
        >
          Resend the link
        </Button>
      </form>
    </div>
  );
}
