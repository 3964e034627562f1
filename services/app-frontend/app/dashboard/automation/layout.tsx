import type { ReactNode } from 'react';
import { type AutomationSection, AutomationNav } from '@/components/automation/automation-nav';
import { PageHeader } from '@/components/page-header';
import { getSession, isAdmin } from '@/lib/session/session';

const ADMIN_SECTIONS: readonly AutomationSection[] = [
  { href: '/dashboard/automation', label: 'Rules' },
  { href: '/dashboard/automation/hours', label: 'Business hours' },
  { href: '/dashboard/automation/ai', label: 'AI and knowledge' },
  { href: '/dashboard/automation/runs', label: 'Run log' },
];
/** Agents read what the rules did; admins also write them. */
const AGENT_SECTIONS = ADMIN_SECTIONS.filter((s) => s.href === '/dashboard/automation/runs');

export default async function AutomationLayout({ children }: { children: ReactNode }) {
  const admin = isAdmin(await getSession());
  return (
    <>
      <PageHeader
        title="Automation"
        description="Rules and AI that answer routine messages and hand the rest to the right person."
      />
      <AutomationNav sections={admin ? ADMIN_SECTIONS : AGENT_SECTIONS} />
      {children}
    </>
  );
}
