import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

interface PanelProps {
  /** Names the section for screen readers too; ids derive from it. */
  id: string;
  heading: string;
  /** h2 on a page, h3 inside another panel, so each page keeps a correct outline. */
  level?: 2 | 3;
  intro?: ReactNode;
  /** Controls shown beside the heading (a link, an export button). */
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
}

export function Panel({ id, heading, level = 2, intro, actions, className, children }: PanelProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className={cn('rounded-(--radius-card) border border-line bg-surface shadow-xs', className)}
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-3">
        <div className="min-w-0">
          <Heading id={`${id}-heading`} className="text-base font-semibold">
            {heading}
          </Heading>
          {intro && <div className="mt-0.5 text-sm text-ink-muted">{intro}</div>}
        </div>
        {actions}
      </header>
      {children && <div className="px-5 py-4">{children}</div>}
    </section>
  );
}
