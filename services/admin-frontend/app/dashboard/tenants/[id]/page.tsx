import type { Metadata } from 'next';
import Link from 'next/link';
import type { AdminAuditLogDto, AdminTenantDetailDto, InvoiceDto, TenantLimitsDto, UserDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { InvoicesTable } from '@/components/invoices/invoices-table';
import { LimitsForm } from '@/components/limits/limits-form';
import { LimitsTable } from '@/components/limits/limits-table';
import { NumbersTable } from '@/components/numbers/numbers-table';
import { PersonCell } from '@/components/person-cell';
import { ActionDialogButton } from '@/components/ui/action-dialog-button';
import { Badge } from '@/components/ui/badge';
import { CopyField } from '@/components/ui/copy-field';
import { Notice } from '@/components/ui/notice';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { Cell, DataTable, EmptyState } from '@/components/ui/table';
import { TENANT_STATUS_LABELS, formatCount, tenantStatusTone } from '@/lib/labels';
import { getSession, isSuperAdmin } from '@/lib/session/session';
import { getTenantInvoices } from '@/lib/invoices-api';
import { getTenant, getTenantLimits } from '@/lib/tenants-api';
import { reactivateTenantAction, saveTenantLimitsAction, suspendTenantAction } from './actions';
import { issueInvoiceAction, markInvoicePaidAction, voidInvoiceAction } from './invoice-actions';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const tenant = await getTenant((await params).id);
  return { title: `${tenant.name} · Tenants` };
}

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [tenant, limits, invoices, me] = await Promise.all([
    getTenant(id),
    getTenantLimits(id),
    getTenantInvoices(id),
    getSession(),
  ]);
  const suspended = tenant.status === 'suspended';
  return (
    <>
      <PageTitle
        back={{ href: '/dashboard/tenants', label: 'Tenants' }}
        title={tenant.name}
        intro={
          <>
            <span className="font-mono">{tenant.slug}</span> · {tenant.plan} plan · created{' '}
            {formatDateTime(tenant.createdAt)}
          </>
        }
        aside={
          <div className="flex items-start gap-3">
            <Badge tone={tenantStatusTone(tenant.status)}>{TENANT_STATUS_LABELS[tenant.status]}</Badge>
            <LifecycleButton tenant={tenant} />
          </div>
        }
      />
      {suspended && (
        <Notice tone="warning" className="mb-6">
          Suspended {formatDateTime(tenant.suspendedAt, 'at an unknown time')}
          {tenant.suspendedReason ? `: ${tenant.suspendedReason}` : '.'} Its people cannot sign in, and its queued sends
          are not sent; messages customers send in are kept for when it is reactivated.
        </Notice>
      )}

      <div className="flex flex-col gap-6">
        <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <UsersPanel users={tenant.users} />
          <Panel id="workspace" heading="Workspace">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-ink-subtle">Messages this month</dt>
              <dd className="tabular-nums">{formatCount(tenant.messagesThisMonth)}</dd>
            </dl>
            <div className="mt-4">
              <CopyField id="tenant-id" label="Tenant id" value={tenant.id} />
            </div>
          </Panel>
        </div>
        <NumbersPanel tenant={tenant} />
        <LimitsPanel tenantId={tenant.id} limits={limits} editable={isSuperAdmin(me)} />
        <InvoicesPanel tenant={tenant} invoices={invoices} editable={isSuperAdmin(me)} />
        <AuditPanel tenantId={tenant.id} entries={tenant.recentAudit} />
      </div>
    </>
  );
}

/** Suspend an active tenant (a reason is required), or reactivate a suspended one. */
function LifecycleButton({ tenant }: { tenant: AdminTenantDetailDto }) {
  const change =
    tenant.status === 'suspended'
      ? ({
          id: 'reactivate-tenant',
          action: reactivateTenantAction,
          trigger: 'Reactivate',
          triggerLook: 'primary',
          title: `Reactivate ${tenant.name}?`,
          description:
            'Its people can sign in again, and the messages that arrived while it was suspended appear in its inbox.',
          reason: { label: 'Reason', required: false, hint: 'Kept in the audit log.' },
          confirm: 'Reactivate tenant',
          busyText: 'Reactivating…',
          confirmLook: 'primary',
        } as const)
      : ({
          id: 'suspend-tenant',
          action: suspendTenantAction,
          trigger: 'Suspend',
          triggerLook: 'danger',
          title: `Suspend ${tenant.name}?`,
          description:
            'Its people are signed out and cannot sign in, and its queued messages are not sent. Messages customers send in are kept. You can reactivate it later.',
          reason: { label: 'Reason', required: true, hint: 'Required. The audit log keeps it.' },
          confirm: 'Suspend tenant',
          busyText: 'Suspending…',
          confirmLook: 'danger',
        } as const);
  return <ActionDialogButton {...change} fields={{ tenantId: tenant.id }} />;
}

function UsersPanel({ users }: { users: UserDto[] }) {
  return (
    <Panel id="users" heading="Users" intro={`${formatCount(users.length)} in this workspace.`}>
      {users.length === 0 ? (
        <EmptyState title="No users" />
      ) : (
        <DataTable caption="Users of this workspace" minWidth="32rem" columns={['Person', 'Role', 'Last sign-in']}>
          <>
            {users.map((user) => (
              <tr key={user.id}>
                <Cell>
                  <PersonCell name={user.name} email={user.email} />
                </Cell>
                <Cell>
                  <span className="flex flex-col items-start gap-1">
                    <Badge tone={user.role === 'admin' ? 'brand' : 'neutral'}>
                      {user.role === 'admin' ? 'Admin' : 'Agent'}
                    </Badge>
                    {user.status !== 'active' && <Badge tone="warning">Deactivated</Badge>}
                  </span>
                </Cell>
                <Cell className="text-ink-muted">{formatDateTime(user.lastLoginAt)}</Cell>
              </tr>
            ))}
          </>
        </DataTable>
      )}
    </Panel>
  );
}

function NumbersPanel({ tenant }: { tenant: AdminTenantDetailDto }) {
  return (
    <Panel
      id="numbers"
      heading="WhatsApp numbers"
      intro="Each number's token and its standing with Meta."
      actions={
        <Link
          href={`/dashboard/meta-tokens?tenantId=${tenant.id}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          In Meta tokens
        </Link>
      }
    >
      {tenant.numbers.length === 0 ? (
        <EmptyState title="No numbers connected">The tenant connects numbers from its WhatsApp page.</EmptyState>
      ) : (
        <NumbersTable caption="WhatsApp numbers of this workspace" numbers={tenant.numbers} />
      )}
    </Panel>
  );
}

function LimitsPanel({ tenantId, limits, editable }: { tenantId: string; limits: TenantLimitsDto; editable: boolean }) {
  return (
    <Panel
      id="limits"
      heading="Limits"
      intro={
        editable
          ? 'Usage this month against its limits. Set a limit for this tenant alone, or let it follow its plan (or the platform default where the plan sets none).'
          : 'Usage this month against its limits. Only a super admin can change them.'
      }
    >
      <LimitsTable limits={limits} />
      {editable && (
        <div className="mt-6 border-t border-line pt-4">
          <h3 className="mb-3 text-sm font-semibold">Change this tenant’s limits</h3>
          <LimitsForm
            id="tenant-limits"
            kind="overrides"
            action={saveTenantLimitsAction}
            current={limits.overrides}
            defaults={{ ...limits.defaults, ...limits.plan?.quotas }}
            defaultsName={limits.plan ? `the ${limits.plan.name} plan` : 'the platform default'}
            fields={{ tenantId }}
            label="This tenant’s limits"
            submitLabel="Save limits"
          />
        </div>
      )}
    </Panel>
  );
}

function InvoicesPanel({
  tenant,
  invoices,
  editable,
}: {
  tenant: AdminTenantDetailDto;
  invoices: InvoiceDto[];
  editable: boolean;
}) {
  return (
    <Panel
      id="invoices"
      heading="Invoices"
      intro={
        editable
          ? 'Issued at each period end. Mark one paid when its bank transfer arrives, or void it.'
          : 'Issued at each period end. Only a super admin can issue, mark paid or void.'
      }
      actions={
        editable && (
          <ActionDialogButton
            id="issue-invoice"
            action={issueInvoiceAction}
            fields={{ tenantId: tenant.id }}
            trigger="Issue invoice now"
            title={`Issue ${tenant.name}'s invoice now?`}
            description="The current period closes now: its usage so far and the next period's plan are invoiced, and the tenant's next period starts now."
            reason={{ label: 'Reason', required: false, hint: 'Optional. Kept in the audit log.' }}
            confirm="Issue invoice"
            busyText="Issuing…"
            confirmLook="primary"
          />
        )
      }
    >
      <InvoicesTable
        invoices={invoices}
        actions={editable ? { markPaid: markInvoicePaidAction, void: voidInvoiceAction } : undefined}
      />
    </Panel>
  );
}

function AuditPanel({ tenantId, entries }: { tenantId: string; entries: AdminAuditLogDto[] }) {
  return (
    <Panel
      id="recent-audit"
      heading="Recent activity"
      intro="The latest entries of this tenant’s audit log."
      actions={
        <Link
          href={`/dashboard/audit-logs?tenantId=${tenantId}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          Whole audit log
        </Link>
      }
    >
      {entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <ol className="divide-y divide-line text-sm">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-2">
              <span className="font-mono text-xs">{entry.action}</span>
              <span className="text-ink-muted">{entry.actorEmail ?? 'system'}</span>
              {entry.actorAdminId && <Badge tone="brand">Platform admin</Badge>}
              {entry.reason && <span className="text-ink-muted">“{entry.reason}”</span>}
              <span className="ml-auto text-xs text-ink-subtle">{formatDateTime(entry.createdAt)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
