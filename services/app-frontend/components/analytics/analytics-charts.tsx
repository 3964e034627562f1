'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalyticsDayDto } from '@aerostic/shared';

const BRAND = 'var(--color-brand-600, #0f766e)';
const MUTED = 'var(--color-ink-muted, #64748b)';
const DANGER = 'var(--color-danger-600, #dc2626)';

/** `2026-03-14` as "14 Mar", the axis's label. */
const dayLabel = (date: string): string =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="min-w-0">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <div className="mt-2 h-56">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The range's days: conversations, messages, delivery rates and Meta's cost. */
export function AnalyticsCharts({ daily }: { daily: AnalyticsDayDto[] }) {
  const rows = daily.map((d) => ({
    ...d,
    day: dayLabel(d.date),
    deliveredRate: d.messagesOut === 0 ? null : (100 * d.delivered) / d.messagesOut,
    readRate: d.messagesOut === 0 ? null : (100 * d.read) / d.messagesOut,
    failedRate: d.messagesOut === 0 ? null : (100 * d.failed) / d.messagesOut,
    metaCost: d.metaCostMicros / 1_000_000,
  }));
  const axis = { tick: { fontSize: 12 }, stroke: MUTED };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Chart title="Conversations opened and resolved">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip />
          <Legend />
          <Bar dataKey="conversationsOpened" name="Opened" fill={BRAND} />
          <Bar dataKey="conversationsResolved" name="Resolved" fill={MUTED} />
        </BarChart>
      </Chart>
      <Chart title="Messages in and out">
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip />
          <Legend />
          <Line dataKey="messagesIn" name="Received" stroke={BRAND} dot={false} />
          <Line dataKey="messagesOut" name="Sent" stroke={MUTED} dot={false} />
        </LineChart>
      </Chart>
      <Chart title="Delivery, read and failure rates (% of sent)">
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" {...axis} />
          <YAxis domain={[0, 100]} unit="%" {...axis} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(1)} %` : '—')} />
          <Legend />
          <Line dataKey="deliveredRate" name="Delivered" stroke={BRAND} dot={false} connectNulls />
          <Line dataKey="readRate" name="Read" stroke={MUTED} dot={false} connectNulls />
          <Line dataKey="failedRate" name="Failed" stroke={DANGER} dot={false} connectNulls />
        </LineChart>
      </Chart>
      <Chart title="Meta cost per day">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" {...axis} />
          <YAxis {...axis} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(2) : String(value))} />
          <Bar dataKey="metaCost" name="Meta cost" fill={BRAND} />
        </BarChart>
      </Chart>
    </div>
  );
}
