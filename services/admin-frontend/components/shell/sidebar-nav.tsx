'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';
import { type AdminNavItem, isActive } from '@/lib/navigation';

export function SidebarNav({ items }: { items: readonly AdminNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections">
      <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
        {items.map((item) => (
          <li key={item.href} className="shrink-0">
            <Link
              href={item.href}
              aria-current={isActive(item, pathname) ? 'page' : undefined}
              className={cn(
                'block rounded-md border-l-2 px-3 py-2 text-sm font-medium',
                isActive(item, pathname)
                  ? 'border-white bg-white/10 text-white'
                  : 'border-transparent text-chrome-ink hover:bg-white/5 hover:text-white',
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
