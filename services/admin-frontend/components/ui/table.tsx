import { Fragment, type ReactNode, isValidElement } from 'react';
import { cn } from '@/lib/cn';

/**
 * A column: its header text, optionally right-aligned (figures) or read only by screen readers (a column of
 * buttons); or a header cell of its own (a sortable header).
 */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean } | ReactNode;

const HEAD = 'border-b border-line px-3 py-2 text-xs font-semibold text-ink-subtle first:pl-5 last:pr-5';

function headerCell(column: Column, index: number) {
  if (isValidElement(column)) return <Fragment key={index}>{column}</Fragment>;
  if (typeof column === 'object' && column !== null && 'label' in column) {
    return (
      <th key={column.label} scope="col" className={cn(HEAD, column.numeric && 'text-right')}>
        {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
      </th>
    );
  }
  return (
    <th key={index} scope="col" className={HEAD}>
      {column}
    </th>
  );
}

/**
 * A data table with a caption (for screen readers unless shown) and its header row; `children` are the rows.
 * The wrapper is focusable and labelled, so a keyboard user can scroll a table wider than the screen.
 */
export function DataTable({
  caption,
  columns,
  minWidth = '40rem',
  children,
}: {
  caption: string;
  columns: readonly Column[];
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className="-mx-5 overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm tabular-nums" style={{ minWidth }}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>{columns.map(headerCell)}</tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}

/** A header cell with the table's look, for headers that hold more than text (a sort link). */
export function HeadCell({ children, sort }: { children: ReactNode; sort?: 'ascending' | 'descending' | 'none' }) {
  return (
    <th scope="col" aria-sort={sort} className={HEAD}>
      {children}
    </th>
  );
}

export function Cell({ className, children }: { className?: string; children?: ReactNode }) {
  return <td className={cn('px-3 py-2.5 align-top first:pl-5 last:pr-5', className)}>{children}</td>;
}

/** What a list says when nothing matches, with what to try instead. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-line px-4 py-8 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-ink-muted">{children}</div>}
    </div>
  );
}
