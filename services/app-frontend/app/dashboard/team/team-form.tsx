'use client';

import { useActionState } from 'react';
import type { TeamDto, TeamMemberDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { createTeamAction, updateTeamAction } from './actions';

interface TeamFormProps {
  /** Absent: a form creating a team. */
  team?: TeamDto;
  members: Pick<TeamMemberDto, 'id' | 'name' | 'status'>[];
}

/** A team's name and members (active members only can join). */
export function TeamForm({ team, members }: TeamFormProps) {
  const [state, formAction, pending] = useActionState(team ? updateTeamAction : createTeamAction, IDLE_FORM_STATE);
  const prefix = team ? `team-${team.id}` : 'new-team';
  const chosen = new Set(team?.memberIds ?? []);
  const choices = members.filter((m) => m.status === 'active' || chosen.has(m.id));
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label={team ? `Edit team ${team.name}` : 'New team'}>
      {team && <input type="hidden" name="teamId" value={team.id} />}
      <FormField
        name="name"
        label="Team name"
        idPrefix={prefix}
        required
        maxLength={120}
        defaultValue={state.values?.name ?? team?.name ?? ''}
        error={state.fields?.name}
      />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium text-ink">Members</legend>
        {choices.length === 0 && <p className="text-sm text-ink-muted">No active members yet.</p>}
        <div className="flex flex-wrap gap-x-4 gap-y-1.5">
          {choices.map((m) => (
            <label key={m.id} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="memberIds" value={m.id} defaultChecked={chosen.has(m.id)} />
              {m.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          {team ? 'Save team' : 'Create team'}
        </Button>
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
    </form>
  );
}
