import Link from 'next/link';
import { Panel } from '@/components/ui/panel';

export default function TenantNotFound() {
  return (
    <Panel id="tenant-not-found" heading="No such tenant" className="max-w-2xl">
      <p className="text-sm text-ink-muted">The link may be mistyped, or the workspace id is wrong.</p>
      <p className="mt-3 text-sm">
        <Link href="/dashboard/tenants" className="font-medium text-brand-700 hover:underline">
          Find it in Tenants
        </Link>
      </p>
    </Panel>
  );
}
