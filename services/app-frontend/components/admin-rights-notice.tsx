import Link from 'next/link';
import { Card } from './card';

/** Shown instead of an admin-only page; the page's controls are never rendered for agents. */
export function AdminRightsNotice({ section }: { section: string }) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{section}</h1>
      <Card className="max-w-2xl">
        <p role="alert" className="text-base font-semibold">
          You need admin rights to open {section}.
        </p>
        <p className="mt-2 text-sm text-ink-muted">
          Ask an admin of your workspace to make the change for you, or to give you the admin role.
        </p>
        <p className="mt-4 text-sm">
          <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
            Back to Overview
          </Link>
        </p>
      </Card>
    </>
  );
}
