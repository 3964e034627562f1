import { type Section } from '@/components/section-nav';

/** Settings' sections for admins; agents have only their own settings and see no tabs. */
export const SETTINGS_SECTIONS: readonly Section[] = [
  { href: '/dashboard/settings', label: 'General', exact: true },
  { href: '/dashboard/settings/api-keys', label: 'API keys' },
  { href: '/dashboard/settings/webhooks', label: 'Webhooks' },
  { href: '/dashboard/settings/microsoft', label: 'Microsoft sign-in' },
];
