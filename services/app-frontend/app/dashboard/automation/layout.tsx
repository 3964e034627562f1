import type { ReactNode } from 'react';
import { PageHeader } from '@/components/page-header';
import { type Section, SectionNav } from '@/components/section-nav';
import { getSession, isAdmin } from '@/lib/session/session';

const ADMIN_SECTIONS: readonly Section[] = [
  { href: '/dashboard/automation', label: 'Rules', exact: true, alsoUnder: '/dashboard/automation/rules' },
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
      <SectionNav label="Automation sections" sections={admin ? ADMIN_SECTIONS : AGENT_SECTIONS} />
      {children}
    </>
  );
}
