import Link from 'next/link';
import { type NumberFilters, type NumberSort, numberSort, sortLink } from '@/lib/list-queries';
import { HeadCell } from '@/components/ui/table';

/** A column header that sorts the list on the server; `aria-sort` tells screen readers the current order. */
export function SortHeader({
  path,
  filters,
  column,
  label,
}: {
  path: string;
  filters: NumberFilters;
  column: NumberSort;
  label: string;
}) {
  const current = numberSort(filters);
  const active = current.sort === column;
  const direction = active ? (current.order === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <HeadCell sort={direction ?? 'none'}>
      <Link
        href={sortLink(path, filters, column)}
        className="inline-flex items-center gap-1 text-brand-700 hover:underline"
      >
        {label}
        <span aria-hidden>{active ? (current.order === 'asc' ? '▲' : '▼') : '↕'}</span>
        <span className="sr-only">
          {active
            ? `, sorted ${direction}; select to sort ${current.order === 'asc' ? 'descending' : 'ascending'}`
            : ', select to sort'}
        </span>
      </Link>
    </HeadCell>
  );
}
