'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';

export interface AutomationSection {
  href: string;
  label: string;
}

/** The Automation page's sections; the current one is marked for screen readers too. */
export function AutomationNav({ sections }: { sections: readonly AutomationSection[] }) {
  const pathname = usePathname();
  const current = (href: string) =>
    href === '/dashboard/automation'
      ? pathname === href || pathname.startsWith('/dashboard/automation/rules')
      : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Automation sections" className="mb-6 border-b border-line">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {sections.map((section) => {
          const active = current(section.href);
          return (
            <li key={section.href} className="shrink-0">
              <Link
                href={section.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block border-b-2 px-3 py-2 text-sm font-medium',
                  active ? 'border-brand-700 text-brand-800' : 'border-transparent text-ink-muted hover:text-ink',
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
