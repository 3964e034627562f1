'use client';

import { useActionState } from 'react';
import { AUTOMATION_LIMITS, type UserDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { updateMemberAction } from './actions';

/** The most open conversations routing gives a member; empty means no limit. Admins only. */
export function CapacityForm({ member }: { member: Pick<UserDto, 'id' | 'name' | 'capacity'> }) {
  const [state, formAction, pending] = useActionState(updateMemberAction, IDLE_FORM_STATE);
  const inputId = `capacity-${member.id}`;
  return (
    <div className="flex flex-col gap-1">
      <form action={formAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={member.id} />
        <input type="hidden" name="intent" value="capacity" />
        <label htmlFor={inputId} className="sr-only">
          Capacity for {member.name}
        </label>
        <input
          id={inputId}
          name="capacity"
          type="number"
          min={1}
          max={AUTOMATION_LIMITS.capacityMax}
          step={1}
          placeholder="No limit"
          // Keyed on the saved value so that a refused change snaps back to what the server holds.
          key={`${member.capacity ?? ''}-${state.status}-${state.message ?? ''}`}
          defaultValue={member.capacity ?? ''}
          aria-invalid={state.fields?.capacity ? true : undefined}
          className="w-20 rounded-lg border border-line bg-surface px-2 py-1.5 text-sm tabular-nums"
        />
        <Button type="submit" variant="secondary" pending={pending} aria-label={`Save capacity for ${member.name}`}>
          Save
        </Button>
      </form>
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
