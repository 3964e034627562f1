'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { verifyEmailAction } from './actions';

/** A button rather than confirming on open: mail scanners that fetch links must not spend the single-use token. */
export function VerifyEmailForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(verifyEmailAction, IDLE_FORM_STATE);
  if (state.status === 'success') {
    return (
      <>
        <FormAlert tone="success" message={state.message} />
        <p className="mt-6 text-center text-sm">
          <Link href="/dashboard/whatsapp" className="font-medium text-brand-700 hover:underline">
            Connect a WhatsApp number
          </Link>
        </p>
      </>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.message} fields={state.fields} knownFields={['token']} />
      <Button type="submit" pending={pending} pendingLabel="Confirming…" className="w-full">
        Confirm my email address
      </Button>
    </form>
  );
}
