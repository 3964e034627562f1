'use client';

import { useActionState } from 'react';
import type { UserDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { ROLE_OPTIONS_SHORT } from '@/lib/team/roles';
import { updateMemberAction } from './actions';

interface MemberControlsProps {
  member: Pick<UserDto, 'id' | 'name' | 'role' | 'status'>;
  isSelf: boolean;
}

/** Role change and (de)activation for one member; the API refuses, with a message, to remove the last admin. */
export function MemberControls({ member, isSelf }: MemberControlsProps) {
  const [state, formAction, pending] = useActionState(updateMemberAction, IDLE_FORM_STATE);
  const active = member.status === 'active';
  const selectId = `role-${member.id}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={formAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={member.id} />
          <input type="hidden" name="intent" value="role" />
          <label htmlFor={selectId} className="sr-only">
            Role for {member.name}
          </label>
          <select
            id={selectId}
            name="role"
            // Keyed on the saved role so that a refused change snaps back to what the server holds.
            key={`${member.role}-${state.status}-${state.message ?? ''}`}
            defaultValue={member.role}
            className="rounded-lg border border-line bg-surface px-2 py-1.5 text-sm"
          >
            {ROLE_OPTIONS_SHORT.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" pending={pending} aria-label={`Save role for ${member.name}`}>
            Save
          </Button>
        </form>
        {!isSelf && (
          <form action={formAction}>
            <input type="hidden" name="userId" value={member.id} />
            <input type="hidden" name="intent" value={active ? 'deactivate' : 'reactivate'} />
            <Button
              type="submit"
              variant={active ? 'danger' : 'secondary'}
              pending={pending}
              aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${member.name}`}
            >
              {active ? 'Deactivate' : 'Reactivate'}
            </Button>
          </form>
        )}
      </div>
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'error' ? 'error' : 'success'}
          message={state.message}
          fields={state.fields}
          wayOut={state.wayOut}
          className="text-xs"
        />
      )}
    </div>
  );
}
