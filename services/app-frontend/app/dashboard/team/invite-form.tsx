'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { formatDateTime } from '@/lib/format';
import { ROLE_OPTIONS } from '@/lib/team/roles';
import { inviteMemberAction } from './actions';
import type { InviteState } from './team-state';

const FIELDS = ['email', 'role'] as const;
const INITIAL: InviteState = { status: 'idle' };

export function InviteForm() {
  const [state, formAction, pending] = useActionState(inviteMemberAction, INITIAL);
  const invitation = state.status === 'success' ? state.invitation : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Invite a team member">
        {state.status === 'error' && (
          <FormAlert message={state.message} fields={state.fields} wayOut={state.wayOut} knownFields={FIELDS} />
        )}
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,16rem)]">
          <FormField
            idPrefix="invite"
            name="email"
            label="Email"
            type="email"
            autoComplete="off"
            required
            defaultValue={state.status === 'error' ? state.values?.email : undefined}
            error={state.fields?.email}
          />
          <SelectField
            idPrefix="invite"
            name="role"
            label="Role"
            options={ROLE_OPTIONS}
            defaultValue={(state.status === 'error' && state.values?.role) || 'agent'}
            error={state.fields?.role}
          />
        </div>
        <div>
          <Button type="submit" pending={pending} pendingLabel="Creating invitation…">
            Create invitation
          </Button>
        </div>
      </form>

      {invitation && (
        <div role="status" className="rounded-lg border border-success-700/30 bg-success-50 p-4">
          <p className="text-sm font-medium text-success-700">
            Invitation created for {invitation.email}. Send them this link: it is shown only once and expires{' '}
            {formatDateTime(invitation.expiresAt)}.
          </p>
          <label htmlFor="invitation-link" className="mt-3 block text-sm font-medium">
            Invitation link
          </label>
          <div className="mt-1.5 flex gap-2">
            <input
              id="invitation-link"
              readOnly
              value={invitation.invitationUrl}
              onFocus={(event) => event.currentTarget.select()}
              className="w-full min-w-0 rounded-lg border border-line bg-surface px-3 py-2 font-mono text-xs"
            />
            <CopyButton value={invitation.invitationUrl} targetId="invitation-link" label="Copy link" />
          </div>
        </div>
      )}
    </div>
  );
}
