import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminBar } from '@/components/shell/admin-bar';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { navItemsFor } from '@/lib/navigation';
import { getSession } from '@/lib/session/session';

export default async function AdminDashboardLayout({ children }: { children: ReactNode }) {
  const me = await getSession();
  return (
    <div className="min-h-screen md:grid md:grid-cols-[13rem_minmax(0,1fr)] lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="bg-chrome">
        <div className="px-3 py-3 md:sticky md:top-0 md:max-h-screen md:overflow-y-auto md:py-5">
          <Link href="/dashboard" className="mb-3 hidden px-3 font-semibold text-white md:mb-6 md:block">
            Aerostic <span className="font-normal text-chrome-ink">Admin</span>
          </Link>
          <SidebarNav items={navItemsFor(me.admin.role)} />
        </div>
      </aside>
      <div className="flex min-h-screen min-w-0 flex-col">
        <AdminBar me={me} />
        {!me.admin.totpEnabled && (
          <div className="border-b border-warning-700/30 bg-warning-50 px-4 py-2 text-sm text-warning-700 md:px-8">
            This account signs in with a password alone.{' '}
            <Link href="/enrol" className="font-semibold underline">
              Set up two-step sign-in
            </Link>
          </div>
        )}
        <main id="main" className="flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
