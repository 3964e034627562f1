'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export interface DailySeries {
  key: string;
  label: string;
  /** A theme colour variable, e.g. `var(--color-series-in)`. */
  colour: string;
  /** Dashes tell the lines apart without colour. */
  dashed?: boolean;
}

interface DailyChartProps {
  /** Names the chart for screen readers (its figure's caption). */
  title: string;
  points: ReadonlyArray<Record<string, string | number>>;
  series: readonly DailySeries[];
}

const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function dayLabel(value: unknown): string {
  const date = new Date(`${String(value)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(value) : SHORT_DAY.format(date);
}

/**
 * A small line chart of the last 30 days. Drawn in the browser (recharts measures its box); the same figures are
 * in a table beside it for screen readers and for anyone who wants exact numbers.
 */
export function DailyChart({ title, points, series }: DailyChartProps) {
  return (
    <LineChart
      responsive
      data={points.map((point) => ({ ...point }))}
      style={{ width: '100%', height: 200 }}
      margin={{ top: 8, right: 12, bottom: 0, left: -12 }}
      title={title}
      // Keyboard and screen-reader users get the figures as a table instead of a focusable drawing.
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="var(--color-line)" vertical={false} />
      <XAxis
        dataKey="date"
        tickFormatter={dayLabel}
        tick={{ fontSize: 11, fill: 'var(--color-ink-muted)' }}
        minTickGap={24}
      />
      <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--color-ink-muted)' }} width={48} />
      <Tooltip labelFormatter={dayLabel} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((line) => (
        <Line
          key={line.key}
          type="monotone"
          dataKey={line.key}
          name={line.label}
          stroke={line.colour}
          strokeWidth={2}
          strokeDasharray={line.dashed ? '5 4' : undefined}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
