import type { ReactNode } from 'react';
import Link from 'next/link';
import { BrandMark } from '@/components/brand-mark';
import { SidebarNav } from '@/components/sidebar-nav';
import { Topbar } from '@/components/topbar';
import { navItemsFor } from '@/lib/navigation';
import { getSession } from '@/lib/session/session';
import { getOwnPresence } from '@/lib/team/users-api';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [me, presence] = await Promise.all([getSession(), getOwnPresence()]);
  return (
    <div className="min-h-screen md:grid md:grid-cols-[11rem_minmax(0,1fr)] lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-line bg-surface md:border-r md:border-b-0">
        {/* The column stretches with the page; its content stays in view while the page scrolls. */}
        <div className="px-3 py-3 md:sticky md:top-0 md:max-h-screen md:overflow-y-auto md:py-5">
          <Link href="/dashboard" className="mb-3 hidden px-3 md:mb-6 md:block">
            <BrandMark />
          </Link>
          <SidebarNav items={navItemsFor(me.user.role)} />
        </div>
      </aside>
      <div className="flex min-h-screen min-w-0 flex-col">
        <Topbar me={me} presence={presence} />
        <main id="main" className="flex-1 px-4 py-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
