import type { Metadata } from 'next';
import type { AdminInvitationDto, PlatformAdminDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { AdminRoleForm } from '@/components/admins/admin-role-form';
import { PersonCell } from '@/components/person-cell';
import { SuperAdminNote } from '@/components/super-admin-note';
import { ActionDialogButton } from '@/components/ui/action-dialog-button';
import { Badge } from '@/components/ui/badge';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { Cell, DataTable, EmptyState } from '@/components/ui/table';
import { listAdmins, listPendingAdminInvitations } from '@/lib/admins-api';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';
import { getSession, isSuperAdmin } from '@/lib/session/session';
import { revokeAdminInvitationAction, updateAdminAction } from './actions';
import { InviteAdminForm } from './invite-admin-form';

export const metadata: Metadata = { title: 'Admins' };

export default async function AdminsPage() {
  const me = await getSession();
  if (!isSuperAdmin(me)) {
    return (
      <>
        <PageTitle title="Admins" />
        <SuperAdminNote id="admins-needs-super" what="Managing the platform’s admins" />
      </>
    );
  }
  const [admins, invitations] = await Promise.all([listAdmins(), listPendingAdminInvitations()]);
  return (
    <>
      <PageTitle
        title="Admins"
        intro="The Aerostic staff who can use this panel. Admins support tenants; super admins also manage admins and quotas. The platform always keeps one active super admin."
      />
      <div className="flex flex-col gap-6">
        <Panel
          id="invite"
          heading="Invite an admin"
          intro="Creates a single-use link for a colleague to set their password."
        >
          <InviteAdminForm />
        </Panel>
        <Panel id="admins" heading="Admins">
          <AdminsTable admins={admins} selfId={me.admin.id} />
        </Panel>
        <Panel
          id="invitations"
          heading="Pending invitations"
          intro="Links not used yet. Revoking one stops it working."
        >
          <InvitationsList invitations={invitations} />
        </Panel>
      </div>
    </>
  );
}

function AdminsTable({ admins, selfId }: { admins: PlatformAdminDto[]; selfId: string }) {
  return (
    <DataTable
      caption="Platform admins"
      minWidth="56rem"
      columns={['Admin', 'Access', 'Last sign-in', 'Role', { label: 'Access changes', hidden: true }]}
    >
      <>
        {admins.map((admin) => {
          const active = admin.status === 'active';
          return (
            <tr key={admin.id}>
              <Cell>
                <PersonCell name={admin.name} email={admin.email} marker={admin.id === selfId ? '(you)' : undefined} />
              </Cell>
              <Cell>
                <span className="flex flex-col items-start gap-1">
                  <Badge tone={admin.role === 'super_admin' ? 'brand' : 'neutral'}>
                    {ADMIN_ROLE_LABELS[admin.role]}
                  </Badge>
                  <Badge tone={active ? 'success' : 'warning'}>{active ? 'Active' : 'Deactivated'}</Badge>
                  <Badge tone={admin.totpEnabled ? 'success' : 'warning'}>
                    {admin.totpEnabled ? 'Two-step on' : 'Password only'}
                  </Badge>
                </span>
              </Cell>
              <Cell className="text-ink-muted">{formatDateTime(admin.lastLoginAt)}</Cell>
              <Cell>
                <AdminRoleForm admin={admin} />
              </Cell>
              <Cell>
                <ActionDialogButton
                  id={`${active ? 'deactivate' : 'reactivate'}-${admin.id}`}
                  action={updateAdminAction}
                  fields={{ adminId: admin.id, intent: active ? 'deactivate' : 'reactivate' }}
                  trigger={active ? 'Deactivate' : 'Reactivate'}
                  triggerName={`${active ? 'Deactivate' : 'Reactivate'} ${admin.name}`}
                  triggerLook={active ? 'danger' : 'secondary'}
                  title={active ? `Deactivate ${admin.name}?` : `Reactivate ${admin.name}?`}
                  description={
                    active
                      ? 'They are signed out at once and cannot sign in until a super admin reactivates them.'
                      : 'They can sign in again with their password and authenticator.'
                  }
                  reason={{ label: 'Reason', required: false, hint: 'Kept in the audit log.' }}
                  confirm={active ? 'Deactivate' : 'Reactivate'}
                  busyText={active ? 'Deactivating…' : 'Reactivating…'}
                  confirmLook={active ? 'danger' : 'primary'}
                />
              </Cell>
            </tr>
          );
        })}
      </>
    </DataTable>
  );
}

function InvitationsList({ invitations }: { invitations: AdminInvitationDto[] }) {
  if (invitations.length === 0) return <EmptyState title="No pending invitations" />;
  return (
    <ul className="divide-y divide-line">
      {invitations.map((invitation) => (
        <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
          <div className="text-sm">
            <p className="font-medium">{invitation.email}</p>
            <p className="text-ink-muted">
              {ADMIN_ROLE_LABELS[invitation.role]} · expires {formatDateTime(invitation.expiresAt)}
            </p>
          </div>
          <ActionDialogButton
            id={`revoke-${invitation.id}`}
            action={revokeAdminInvitationAction}
            fields={{ invitationId: invitation.id }}
            trigger="Revoke"
            triggerName={`Revoke the invitation for ${invitation.email}`}
            triggerLook="danger"
            title={`Revoke the invitation for ${invitation.email}?`}
            description="The link stops working. You can invite them again later."
            confirm="Revoke invitation"
            busyText="Revoking…"
          />
        </li>
      ))}
    </ul>
  );
}
