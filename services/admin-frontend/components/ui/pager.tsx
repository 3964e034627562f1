import Link from 'next/link';
import { queryString } from '@/lib/search-params';

interface PagerProps {
  /** What the pages are of, for the navigation's name ("Tenants pages"). */
  label: string;
  path: string;
  /** The list's filters, kept on every page. */
  filters: Record<string, string | undefined>;
  cursor?: string;
  nextCursor: string | null;
}

/** Keyset pages only go forward: "Next page" follows the cursor, "First page" starts again. */
export function Pager({ label, path, filters, cursor, nextCursor }: PagerProps) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label={`${label} pages`} className="mt-4 flex gap-4 text-sm font-medium">
      {cursor && (
        <Link href={`${path}${queryString(filters)}`} className="text-brand-700 hover:underline">
          First page
        </Link>
      )}
      {nextCursor && (
        <Link
          href={`${path}${queryString({ ...filters, cursor: nextCursor })}`}
          className="text-brand-700 hover:underline"
        >
          Next page
        </Link>
      )}
    </nav>
  );
}
