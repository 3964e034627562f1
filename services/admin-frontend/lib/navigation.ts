export interface AdminNavItem {
  href: string;
  label: string;
}

export const ADMIN_NAV_ITEMS: readonly AdminNavItem[] = [
  { href: '/dashboard', label: 'Control Tower' },
  { href: '/dashboard/tenants', label: 'Tenants' },
  { href: '/dashboard/admins', label: 'Admins' },
  { href: '/dashboard/meta-tokens', label: 'Meta tokens' },
  { href: '/dashboard/audit-logs', label: 'Audit logs' },
  { href: '/dashboard/quotas', label: 'Quotas' },
];

/** Control Tower matches only itself; other sections also own their sub-pages. */
export function isActive(item: AdminNavItem, pathname: string): boolean {
  if (item.href === '/dashboard') return pathname === '/dashboard';
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
