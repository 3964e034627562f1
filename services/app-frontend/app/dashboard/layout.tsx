import type { ReactNode } from 'react';
import Link from 'next/link';
import { BudgetBanner } from '@/components/billing/budget-banner';
import { BrandMark } from '@/components/brand-mark';
import { SidebarNav } from '@/components/sidebar-nav';
import { Topbar } from '@/components/topbar';
import { VerifyEmailBanner } from '@/components/verify-email-banner';
import { findBudget } from '@/lib/billing/billing-api';
import { currentMonth } from '@/lib/billing/billing-format';
import { navItemsFor } from '@/lib/navigation';
import { getSession, isAdmin } from '@/lib/session/session';
import { getOwnPresence } from '@/lib/team/users-api';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [me, presence] = await Promise.all([getSession(), getOwnPresence()]);
  // Admins are the ones told of the Meta budget (at 80 % and when it is spent): they can raise it.
  const budget = isAdmin(me) ? await findBudget() : null;
  const month = currentMonth(me.tenant.timeZone);
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
        {!me.emailVerified && <VerifyEmailBanner email={me.user.email} />}
        {budget && budget.state !== 'ok' && <BudgetBanner state={budget.state} month={month} />}
        <main id="main" className="flex-1 px-4 py-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
