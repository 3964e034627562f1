import type { PlatformAdminRole } from '@aerostic/shared';

export interface AdminNavItem {
  href: string;
  label: string;
  /** Left out of the sidebar for support admins; the page itself also checks the role on the server. */
  superAdminOnly: boolean;
}

export const ADMIN_NAV_ITEMS: readonly AdminNavItem[] = [
  { href: '/dashboard', label: 'Control Tower', superAdminOnly: false },
  { href: '/dashboard/tenants', label: 'Tenants', superAdminOnly: false },
  { href: '/dashboard/admins', label: 'Admins', superAdminOnly: true },
  { href: '/dashboard/meta-tokens', label: 'Meta tokens', superAdminOnly: false },
  { href: '/dashboard/audit-logs', label: 'Audit logs', superAdminOnly: false },
  { href: '/dashboard/quotas', label: 'Quotas', superAdminOnly: false },
  { href: '/dashboard/plans', label: 'Plans', superAdminOnly: false },
  { href: '/dashboard/rate-card', label: 'Rate card', superAdminOnly: false },
];

export function navItemsFor(role: PlatformAdminRole): AdminNavItem[] {
  return ADMIN_NAV_ITEMS.filter((item) => role === 'super_admin' || !item.superAdminOnly);
}

/** Control Tower matches only itself; other sections also own their sub-pages. */
export function isActive(item: AdminNavItem, pathname: string): boolean {
  if (item.href === '/dashboard') return pathname === '/dashboard';
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
