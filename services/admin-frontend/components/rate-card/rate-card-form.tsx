'use client';

import { useActionState } from 'react';
import type { MetaRateDto } from '@aerostic/shared';
import { type FormState, IDLE_FORM_STATE } from '@aerostic/shared/web';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Cell, DataTable } from '@/components/ui/table';
import { rateGrid, rateKey, rateText } from '@/lib/rate-card-form';

/** "authentication_international" → "Authentication international". */
function categoryLabel(category: string): string {
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface RateCardFormProps {
  rates: readonly MetaRateDto[];
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Super admins edit the rates in place; other admins read them. */
  editable: boolean;
}

/** Markets down, categories across, each rate in US dollars; every cell is saved at once with `PUT`. */
export function RateCardForm({ rates, action, editable }: RateCardFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const grid = rateGrid(rates);
  const typed = state.status === 'error' ? state.values : undefined;
  const cellKeys = grid.markets.flatMap((market) => grid.categories.map((category) => rateKey(market, category)));
  const table = (
    <DataTable
      caption="Meta’s rates per message in US dollars"
      columns={['Market', ...grid.categories.map((category) => ({ label: categoryLabel(category), numeric: true }))]}
    >
      {grid.markets.map((market) => (
        <tr key={market}>
          <Cell className="font-mono text-xs font-medium">{market}</Cell>
          {grid.categories.map((category) => {
            const key = rateKey(market, category);
            const stored = grid.micros.get(key);
            const error = state.fields?.[key];
            return (
              <Cell key={category} className="text-right">
                {editable ? (
                  <>
                    <input
                      name={key}
                      inputMode="decimal"
                      aria-label={`${market} ${categoryLabel(category).toLowerCase()} rate in US dollars`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${key}-error` : undefined}
                      defaultValue={typed?.[key] ?? (stored === undefined ? '' : rateText(stored))}
                      className="w-24 rounded-md border border-ink-subtle/50 px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-danger-600"
                    />
                    {error && (
                      <p id={`${key}-error`} className="mt-1 max-w-40 text-left text-xs font-medium text-danger-700">
                        {error}
                      </p>
                    )}
                  </>
                ) : stored === undefined ? (
                  <span className="text-ink-subtle">—</span>
                ) : (
                  `$${rateText(stored)}`
                )}
              </Cell>
            );
          })}
        </tr>
      ))}
    </DataTable>
  );
  if (!editable) return table;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Rate card">
      {state.status === 'error' && (
        <Notice tone="error" strayFields={state.fields} shownFields={cellKeys}>
          {state.message}
        </Notice>
      )}
      {state.status === 'success' && <Notice tone="success">{state.message}</Notice>}
      {table}
      <div>
        <Button type="submit" look="primary" busy={pending} busyText="Saving…">
          Save rates
        </Button>
      </div>
    </form>
  );
}
