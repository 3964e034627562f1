'use client';

import { useActionState } from 'react';
import type { PlatformAdminDto } from '@aerostic/shared';
import { IDLE_FORM_STATE } from '@aerostic/shared/web';
import { updateAdminAction } from '@/app/dashboard/admins/actions';
import { Button } from '@/components/ui/button';
import { Choice } from '@/components/ui/fields';
import { Notice } from '@/components/ui/notice';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';

const ROLES = Object.entries(ADMIN_ROLE_LABELS).map(([value, label]) => ({ value, label }));

/** A role picker and its Save button, with the API's refusal (the last super admin) shown beside them. */
export function AdminRoleForm({ admin }: { admin: PlatformAdminDto }) {
  const [state, formAction, pending] = useActionState(updateAdminAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-1.5">
      <input type="hidden" name="adminId" value={admin.id} />
      <input type="hidden" name="intent" value="role" />
      <div className="flex items-center gap-2">
        <Choice
          id={`role-${admin.id}`}
          name="role"
          label={`Role for ${admin.name}`}
          labelHidden
          options={ROLES}
          defaultValue={admin.role}
        />
        <Button
          type="submit"
          look="secondary"
          busy={pending}
          busyText="Saving…"
          aria-label={`Save role for ${admin.name}`}
        >
          Save
        </Button>
      </div>
      {state.status !== 'idle' && (
        <Notice tone={state.status === 'error' ? 'error' : 'success'} className="max-w-64 text-xs">
          {state.message}
        </Notice>
      )}
    </form>
  );
}
