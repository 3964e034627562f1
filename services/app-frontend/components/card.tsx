import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

interface CardProps {
  title?: string;
  /** Heading level of the title, so that each page keeps a correct outline. */
  headingLevel?: 'h2' | 'h3';
  description?: string;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, headingLevel: Heading = 'h2', description, className, children }: CardProps) {
  return (
    <section className={cn('rounded-(--radius-card) border border-line bg-surface p-5 shadow-xs', className)}>
      {title && <Heading className="text-base font-semibold">{title}</Heading>}
      {description && <p className="mt-1 text-sm text-ink-muted">{description}</p>}
      {children && <div className={cn(title || description ? 'mt-4' : undefined)}>{children}</div>}
    </section>
  );
}
