import { formatCount } from '@/lib/labels';
import { Panel } from '@/components/ui/panel';
import { DailyChart, type DailySeries } from './daily-chart';

interface ChartPanelProps {
  id: string;
  heading: string;
  intro: string;
  points: ReadonlyArray<{ date: string } & Record<string, string | number>>;
  series: readonly DailySeries[];
}

/** A chart of the last 30 days with its figures as a table, folded away, for exact numbers and screen readers. */
export function ChartPanel({ id, heading, intro, points, series }: ChartPanelProps) {
  const total = (key: string) => points.reduce((sum, point) => sum + Number(point[key] ?? 0), 0);
  return (
    <Panel id={id} heading={heading} intro={intro}>
      <figure aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`} className="mb-2 text-sm text-ink-muted">
          {series.map((line) => `${line.label}: ${formatCount(total(line.key))}`).join(' · ')} over 30 days
        </figcaption>
        <div aria-hidden>
          <DailyChart title={heading} points={points} series={series} />
        </div>
      </figure>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Figures by day</summary>
        <div className="mt-2 max-h-64 overflow-y-auto" role="region" aria-label={`${heading} by day`} tabIndex={0}>
          <table className="w-full text-left text-xs tabular-nums">
            <thead>
              <tr>
                <th scope="col" className="py-1 font-semibold">
                  Day (UTC)
                </th>
                {series.map((line) => (
                  <th key={line.key} scope="col" className="py-1 font-semibold">
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.date} className="border-t border-line">
                  <th scope="row" className="py-1 font-normal">
                    {point.date}
                  </th>
                  {series.map((line) => (
                    <td key={line.key} className="py-1">
                      {formatCount(Number(point[line.key] ?? 0))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Panel>
  );
}
