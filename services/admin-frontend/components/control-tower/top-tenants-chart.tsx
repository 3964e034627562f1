'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

/** A horizontal bar per tenant; the panel beside it lists the same figures for screen readers. */
export function TopTenantsChart({ title, bars }: { title: string; bars: { name: string; value: number }[] }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      data={bars}
      style={{ width: '100%', height: Math.max(120, 28 * bars.length + 40) }}
      margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
      title={title}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="var(--color-line)" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--color-ink-muted)' }} />
      <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11, fill: 'var(--color-ink-muted)' }} />
      <Tooltip />
      <Bar dataKey="value" name={title} fill="var(--color-series-in)" isAnimationActive={false} />
    </BarChart>
  );
}
