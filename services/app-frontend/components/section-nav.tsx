'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';

export interface Section {
  href: string;
  label: string;
  /** Current only on its own path (a section's first page, whose path starts the others'), or also under `alsoUnder`. */
  exact?: boolean;
  alsoUnder?: string;
}

function isCurrent(section: Section, pathname: string): boolean {
  if (pathname === section.href) return true;
  if (section.alsoUnder && pathname.startsWith(section.alsoUnder)) return true;
  return !section.exact && pathname.startsWith(`${section.href}/`);
}

/** A page's sections as tabs; the current one is marked for screen readers too. */
export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-line">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {sections.map((section) => {
          const active = isCurrent(section, pathname);
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
