import type { Metadata } from 'next';
import Link from 'next/link';
import type { InvitationDto, TeamDto, TeamMemberDto } from '@aerostic/shared';
import { Card } from '@/components/card';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { LiveRefresh } from '@/components/live-refresh';
import { PageHeader } from '@/components/page-header';
import { PresenceDot } from '@/components/presence-dot';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime, roleLabel } from '@/lib/format';
import { getSession, isAdmin } from '@/lib/session/session';
import { listPendingInvitations, listTeams, listUsers } from '@/lib/team/users-api';
import { deleteTeamAction } from './actions';
import { CapacityForm } from './capacity-form';
import { InviteForm } from './invite-form';
import { MemberControls } from './member-controls';
import { RevokeInvitationButton } from './revoke-invitation-button';
import { TeamForm } from './team-form';

export const metadata: Metadata = { title: 'Team' };

const MEMBERS_PER_PAGE = 50;
const INVITATIONS_SHOWN = 100;
const TEAMS_SHOWN = 100;

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { cursor } = await searchParams;
  const me = await getSession();
  const admin = isAdmin(me);
  const [members, invitations, teams] = await Promise.all([
    listUsers(MEMBERS_PER_PAGE, typeof cursor === 'string' ? cursor : undefined),
    admin ? listPendingInvitations(INVITATIONS_SHOWN) : Promise.resolve(null),
    listTeams(TEAMS_SHOWN),
  ]);

  return (
    <>
      <PageHeader
        title="Team"
        description={
          admin
            ? 'Invite people to this workspace, change their role, or stop their access.'
            : 'The people in this workspace. Ask an admin to invite someone or to change a role.'
        }
      />

      {/* Presence dots follow the team live. */}
      <LiveRefresh events={['presence.updated']} />
      <div className="flex flex-col gap-6">
        {admin && (
          <Card
            title="Invite a team member"
            description="Create a single-use link for a colleague. Agents work the inbox; admins also manage the team and settings."
          >
            <InviteForm />
          </Card>
        )}

        <Card title="Members">
          <MembersTable members={members.data} selfId={me.user.id} admin={admin} />
          <Pagination cursor={typeof cursor === 'string' ? cursor : undefined} nextCursor={members.nextCursor} />
        </Card>

        <Card
          title="Teams"
          description={
            admin
              ? 'Groups of members that rules route conversations to, and that the inbox filters by.'
              : 'Groups of members that rules route conversations to, and that the inbox filters by. Admins manage them.'
          }
        >
          <TeamsList teams={teams.data} members={members.data} admin={admin} />
        </Card>

        {invitations && (
          <Card
            title="Pending invitations"
            description="Links that have not been used yet. Revoking one makes its link stop working."
          >
            <InvitationsList invitations={invitations.data} />
          </Card>
        )}
      </div>
    </>
  );
}

function MembersTable({ members, selfId, admin }: { members: TeamMemberDto[]; selfId: string; admin: boolean }) {
  if (members.length === 0) return <p className="text-sm text-ink-muted">No members on this page.</p>;
  return (
    // Relative: the cells' screen-reader-only text is positioned, and would widen the page instead of scrolling here.
    <div className="relative -mx-5 overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-line text-xs tracking-wide text-ink-subtle uppercase">
          <tr>
            <th scope="col" className="min-w-48 px-5 py-2 font-medium">
              Member
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Access
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Presence
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Open conversations
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Capacity
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium xl:table-cell">
              Last login
            </th>
            {admin && (
              <th scope="col" className="px-5 py-2 font-medium">
                Manage
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {members.map((member) => (
            <tr key={member.id} className="align-top">
              <td className="px-5 py-3">
                <p className="font-medium">
                  {member.name}
                  {member.id === selfId && <span className="ml-1 text-xs font-normal text-ink-subtle">(you)</span>}
                </p>
                <p className="break-all text-ink-muted">{member.email}</p>
                <p className="text-xs text-ink-subtle xl:hidden">Last login: {formatDateTime(member.lastLoginAt)}</p>
              </td>
              <td className="px-3 py-3">
                {/* Role and status share a column to keep the table narrow; it scrolls sideways on small screens. */}
                <div className="flex flex-col items-start gap-1">
                  <StatusBadge tone={member.role === 'admin' ? 'brand' : 'neutral'}>
                    {roleLabel(member.role)}
                  </StatusBadge>
                  <StatusBadge tone={member.status === 'active' ? 'success' : 'warning'}>
                    {member.status === 'active' ? 'Active' : 'Deactivated'}
                  </StatusBadge>
                </div>
              </td>
              <td className="px-3 py-3 whitespace-nowrap" data-testid={`presence-${member.id}`}>
                <PresenceDot presence={member.presence} />
              </td>
              <td className="px-3 py-3 tabular-nums" data-testid={`open-count-${member.id}`}>
                <span className={member.openConversationCount > 0 ? 'font-medium' : 'text-ink-muted'}>
                  {member.openConversationCount}
                </span>
              </td>
              <td className="px-3 py-3 tabular-nums" data-testid={`capacity-${member.id}`}>
                {admin ? (
                  <CapacityForm member={member} />
                ) : (
                  <span className="text-ink-muted">{member.capacity ?? 'No limit'}</span>
                )}
              </td>
              <td className="hidden px-3 py-3 text-ink-muted xl:table-cell">{formatDateTime(member.lastLoginAt)}</td>
              {admin && (
                <td className="px-5 py-3">
                  <MemberControls member={member} isSelf={member.id === selfId} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TeamsList({ teams, members, admin }: { teams: TeamDto[]; members: TeamMemberDto[]; admin: boolean }) {
  const names = new Map(members.map((m) => [m.id, m.name]));
  return (
    <div className="flex flex-col gap-5">
      {teams.length === 0 && <p className="text-sm text-ink-muted">No teams yet.</p>}
      {teams.length > 0 && (
        <ul className="divide-y divide-line">
          {teams.map((team) => (
            <li key={team.id} className="flex flex-col gap-3 py-3" data-testid={`team-${team.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <p className="text-sm font-medium">{team.name}</p>
                  <p className="text-xs text-ink-subtle">
                    {team.memberIds.length === 0
                      ? 'No members'
                      : team.memberIds.map((id) => names.get(id) ?? 'A member on another page').join(', ')}
                  </p>
                </div>
                {admin && (
                  <ConfirmActionButton
                    action={deleteTeamAction}
                    fields={{ teamId: team.id }}
                    idPrefix={`delete-team-${team.id}`}
                    openLabel="Delete"
                    openAccessibleName={`Delete team ${team.name}`}
                    question={`Delete ${team.name}? Its conversations stay, without a team.`}
                    confirmLabel="Delete team"
                    pendingLabel="Deleting…"
                    keepLabel="Keep it"
                  />
                )}
              </div>
              {admin && (
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {team.name}</summary>
                  <div className="mt-3">
                    <TeamForm team={team} members={members} />
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <div className="border-t border-line pt-4">
          <h3 className="mb-3 text-sm font-semibold">New team</h3>
          <TeamForm members={members} />
        </div>
      )}
    </div>
  );
}

function Pagination({ cursor, nextCursor }: { cursor?: string; nextCursor: string | null }) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Members pages" className="mt-4 flex gap-4 text-sm">
      {cursor && (
        <Link href="/dashboard/team" className="font-medium text-brand-700 hover:underline">
          First page
        </Link>
      )}
      {nextCursor && (
        <Link
          href={`/dashboard/team?cursor=${encodeURIComponent(nextCursor)}`}
          className="font-medium text-brand-700 hover:underline"
        >
          Next page
        </Link>
      )}
    </nav>
  );
}

function InvitationsList({ invitations }: { invitations: InvitationDto[] }) {
  if (invitations.length === 0) return <p className="text-sm text-ink-muted">No pending invitations.</p>;
  return (
    <ul className="divide-y divide-line">
      {invitations.map((invitation) => (
        <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
          <div>
            <p className="text-sm font-medium">{invitation.email}</p>
            <p className="text-xs text-ink-subtle">
              {roleLabel(invitation.role)} · expires {formatDateTime(invitation.expiresAt)}
            </p>
          </div>
          <RevokeInvitationButton invitationId={invitation.id} email={invitation.email} />
        </li>
      ))}
    </ul>
  );
}
