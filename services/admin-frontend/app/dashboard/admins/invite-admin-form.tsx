'use client';

import { useActionState } from 'react';
import { formatDateTime } from '@aerostic/shared/web';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { FormFields } from '@/components/ui/form-fields';
import { Notice } from '@/components/ui/notice';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';
import { inviteAdminAction } from './actions';
import { type InviteAdminState, ROLE_CHOICES } from './admin-state';

const NOTHING_YET: InviteAdminState = { status: 'idle' };
const SHOWN = ['email', 'role'] as const;

export function InviteAdminForm() {
  const [state, formAction, pending] = useActionState(inviteAdminAction, NOTHING_YET);
  const invitation = state.status === 'success' ? state.invitation : undefined;
  const kept = state.status === 'error' ? state.values : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Invite an admin">
        {state.status === 'error' && (
          <Notice tone="error" strayFields={state.fields} shownFields={SHOWN}>
            {state.message}
          </Notice>
        )}
        <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
          <FormFields
            idPrefix="invite"
            state={state}
            specs={[
              {
                name: 'email',
                label: 'Email',
                type: 'email',
                autoComplete: 'off',
                required: true,
                defaultValue: kept?.email,
              },
              {
                kind: 'choice',
                name: 'role',
                label: 'Role',
                options: ROLE_CHOICES,
                defaultValue: kept?.role || 'admin',
                hint: 'Admins read everything, suspend and reactivate tenants, and re-check numbers.',
              },
            ]}
          />
        </div>
        <div>
          <Button type="submit" look="primary" busy={pending} busyText="Creating the invitation…">
            Create invitation
          </Button>
        </div>
      </form>
      {invitation && (
        <div role="status" className="flex flex-col gap-3 rounded-md border border-success-700/30 bg-success-50 p-4">
          <p className="text-sm text-success-700">
            <strong className="font-semibold">{invitation.email}</strong> is invited as{' '}
            {ADMIN_ROLE_LABELS[invitation.role].toLowerCase()}. Send them this link yourself: it is shown only once,
            works once, and expires {formatDateTime(invitation.expiresAt)}.
          </p>
          <CopyField id="invitation-link" label="Invitation link" value={invitation.invitationUrl} />
        </div>
      )}
    </div>
  );
}
