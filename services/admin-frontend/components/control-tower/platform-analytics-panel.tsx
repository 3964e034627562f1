import Link from 'next/link';
import type { PlatformAnalyticsDto } from '@aerostic/shared';
import { Panel } from '@/components/ui/panel';
import { formatCount } from '@/lib/labels';
import { TopTenantsChart } from './top-tenants-chart';

/** Minor units of a currency as an amount, "1,490.00 USD". */
export function formatMinor(amountMinor: number, currency: string): string {
  return `${(amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

/** Meta's cost in micros as an amount with two decimals. */
const formatMicros = (micros: number): string =>
  (micros / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Revenue and the biggest tenants this month: MRR per currency, tenants by plan, top tenants by volume and cost. */
export function PlatformAnalyticsPanel({ analytics }: { analytics: PlatformAnalyticsDto }) {
  const { mrr, tenantsByPlan, topTenantsByVolume, topTenantsByMetaCost } = analytics;
  return (
    <Panel
      id="revenue"
      heading="Revenue and biggest tenants"
      intro="Monthly recurring revenue of paying subscriptions; top tenants this calendar month (UTC)."
    >
      <div className="grid gap-6 p-5 xl:grid-cols-3">
        <div>
          <h3 className="text-sm font-semibold">Monthly recurring revenue</h3>
          {mrr.length === 0 ? (
            <p className="mt-2 text-sm text-ink-muted">No paying subscriptions yet.</p>
          ) : (
            <dl className="mt-2 divide-y divide-line text-sm">
              {mrr.map((m) => (
                <div key={m.currency} className="flex justify-between py-1.5">
                  <dt>{m.currency}</dt>
                  <dd className="font-semibold tabular-nums">{formatMinor(m.amountMinor, m.currency)}</dd>
                </div>
              ))}
            </dl>
          )}
          <h3 className="mt-4 text-sm font-semibold">Subscriptions by plan</h3>
          <dl className="mt-2 divide-y divide-line text-sm">
            {tenantsByPlan.map((p) => (
              <div key={p.planId} className="flex justify-between py-1.5">
                <dt>{p.name}</dt>
                <dd className="tabular-nums">{formatCount(p.tenants)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <TopList
          id="top-volume"
          title="Top tenants by messages"
          rows={topTenantsByVolume.map((t) => ({ id: t.tenantId, name: t.name, value: t.messages }))}
          format={formatCount}
        />
        <TopList
          id="top-cost"
          title="Top tenants by Meta cost"
          rows={topTenantsByMetaCost.map((t) => ({ id: t.tenantId, name: t.name, value: t.metaCostMicros }))}
          format={formatMicros}
          chartValue={(micros) => micros / 1_000_000}
        />
      </div>
    </Panel>
  );
}

function TopList({
  id,
  title,
  rows,
  format,
  chartValue = (value) => value,
}: {
  id: string;
  title: string;
  rows: { id: string; name: string; value: number }[];
  format: (value: number) => string;
  chartValue?: (value: number) => number;
}) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="min-w-0">
      <figcaption id={`${id}-caption`} className="text-sm font-semibold">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-ink-muted">No traffic this month yet.</p>
      ) : (
        <>
          <div aria-hidden className="mt-2">
            <TopTenantsChart title={title} bars={rows.map((r) => ({ name: r.name, value: chartValue(r.value) }))} />
          </div>
          <ol className="mt-2 divide-y divide-line text-sm">
            {rows.map((r) => (
              <li key={r.id} className="flex justify-between gap-3 py-1">
                <Link href={`/dashboard/tenants/${r.id}`} className="truncate text-brand-700 hover:underline">
                  {r.name}
                </Link>
                <span className="tabular-nums">{format(r.value)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </figure>
  );
}
