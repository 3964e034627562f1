'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { revokeInvitationAction } from './actions';

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const [state, formAction, pending] = useActionState(revokeInvitationAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button
        type="submit"
        variant="danger"
        pending={pending}
        pendingLabel="Revoking…"
        aria-label={`Revoke invitation for ${email}`}
      >
        Revoke
      </Button>
      {state.status === 'error' && (
        <FormAlert message={state.message} fields={state.fields} wayOut={state.wayOut} className="text-xs" />
      )}
    </form>
  );
}
