import { Panel } from './ui/panel';

/** Shown in place of what only super admins may see or change; the API refuses it to admins anyway. */
export function SuperAdminNote({ id, what }: { id: string; what: string }) {
  return (
    <Panel id={id} heading="Needs a super admin" className="max-w-2xl">
      <p className="text-sm text-ink-muted">
        {what} is for super admins. Your role, admin, can read the platform and suspend or reactivate workspaces; ask a
        super admin if something here needs changing.
      </p>
    </Panel>
  );
}
