'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import type { MetaBudgetDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { cn } from '@/lib/cn';
import { BUDGET_MESSAGES } from './budget-status';

const STORAGE_KEY = 'aerostic.budget-banner-dismissed';
/** The server cannot read the browser's storage: the banner waits for the browser, rather than flash. */
const UNKNOWN = '(not read yet)';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function dismiss(key: string): void {
  window.localStorage.setItem(STORAGE_KEY, key);
  for (const listener of listeners) listener();
}

/** What a dismissal hides: this state in this month; the 100 % stop shows again after the 80 % warning was hidden. */
export function dismissalKey(month: string, state: MetaBudgetDto['state']): string {
  return `${month}:${state}`;
}

/** The dashboard-wide notice of the Meta budget at 80 % or spent, dismissible for the rest of the month. */
export function BudgetBanner({ state, month }: { state: 'warning' | 'exhausted'; month: string }) {
  const key = dismissalKey(month, state);
  const stored = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(STORAGE_KEY),
    () => UNKNOWN,
  );
  if (stored === UNKNOWN || stored === key) return null;
  return (
    <div
      role={state === 'exhausted' ? 'alert' : 'status'}
      className={cn(
        'flex flex-wrap items-center justify-between gap-2 border-b px-4 py-2 text-sm lg:px-6',
        state === 'exhausted'
          ? 'border-danger-600/30 bg-danger-50 text-danger-700'
          : 'border-warning-700/30 bg-warning-50 text-warning-700',
      )}
    >
      <p>
        {BUDGET_MESSAGES[state]}{' '}
        <Link href="/dashboard/billing" className="font-medium underline">
          See billing
        </Link>
      </p>
      <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => dismiss(key)}>
        Dismiss
      </Button>
    </div>
  );
}
