import Link from 'next/link';
import type { ReactNode } from 'react';

interface PageTitleProps {
  title: ReactNode;
  intro?: ReactNode;
  /** A way back to the list a detail page belongs to. */
  back?: { href: string; label: string };
  /** Badges or buttons shown beside the title. */
  aside?: ReactNode;
}

export function PageTitle({ title, intro, back, aside }: PageTitleProps) {
  return (
    <div className="mb-6">
      {back && (
        <p className="mb-2 text-sm">
          <Link href={back.href} className="text-brand-700 hover:underline">
            ← {back.label}
          </Link>
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {aside}
      </div>
      {intro && <p className="mt-1 max-w-3xl text-sm text-ink-muted">{intro}</p>}
    </div>
  );
}
