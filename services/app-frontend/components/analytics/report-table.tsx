import type { ReactNode } from 'react';
import { Card } from '@/components/card';

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** Figures line up on the right. */
  numeric?: boolean;
}

/** A report's table in a card, with its "Download CSV" link (the API's CSV of the same range). */
export function ReportTable<R>({
  title,
  description,
  rows,
  columns,
  rowKey,
  csvHref,
  empty,
}: {
  title: string;
  description?: string;
  rows: R[];
  columns: Column<R>[];
  rowKey: (row: R) => string;
  csvHref: string;
  empty: string;
}) {
  return (
    <Card title={title} description={description}>
      <div className="mb-3 flex justify-end">
        <a href={csvHref} download className="text-sm font-medium text-brand-700 hover:underline">
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-ink-muted">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-ink-muted uppercase">
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={c.numeric ? 'px-2 py-2 text-right' : 'px-2 py-2'}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? 'px-2 py-2 text-right tabular-nums' : 'px-2 py-2'}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
