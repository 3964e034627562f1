export interface NavItem {
  href: string;
  label: string;
  /** Hidden from agents in the sidebar; the page itself also checks the role on the server. */
  adminOnly: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/dashboard', label: 'Overview', adminOnly: false },
  { href: '/dashboard/inbox', label: 'Inbox', adminOnly: false },
  { href: '/dashboard/contacts', label: 'Contacts', adminOnly: false },
  { href: '/dashboard/campaigns', label: 'Campaigns', adminOnly: false },
  { href: '/dashboard/automation', label: 'Automation', adminOnly: false },
  { href: '/dashboard/analytics', label: 'Analytics', adminOnly: false },
  { href: '/dashboard/whatsapp', label: 'WhatsApp', adminOnly: true },
  { href: '/dashboard/team', label: 'Team', adminOnly: false },
  { href: '/dashboard/billing', label: 'Billing', adminOnly: true },
  { href: '/dashboard/settings', label: 'Settings', adminOnly: false },
];

export function navItemsFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.adminOnly || role === 'admin');
}

/** Overview matches only itself; other sections also own their sub-pages. */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.href === '/dashboard') return pathname === '/dashboard';
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
