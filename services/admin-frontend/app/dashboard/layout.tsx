import type { ReactNode } from 'react';
import { SidebarNav } from '@/components/sidebar-nav';

export default function AdminDashboardLayout({ children }: { children: ReactNode }) {
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
          <p className="mb-3 hidden px-3 font-semibold text-white md:mb-6 md:block">
            Aerostic <span className="font-normal text-chrome-ink">Admin</span>
          </p>
          <SidebarNav />
        </div>
      </aside>
      <div className="flex min-h-screen min-w-0 flex-col">
        <header className="border-b border-line bg-surface px-6 py-3">
          <p className="font-semibold">Platform administration</p>
          <p className="text-xs text-ink-subtle">Preview: the sections below are not functional yet.</p>
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
