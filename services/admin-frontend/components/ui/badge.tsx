import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import type { Tone } from '@/lib/labels';

/** Border, background and text of each tone: badges and notices share them. */
export const TONE_CLASSES: Record<Tone, string> = {
  brand: 'border-brand-600/30 bg-brand-50 text-brand-800',
  neutral: 'border-line bg-canvas text-ink-muted',
  success: 'border-success-700/30 bg-success-50 text-success-700',
  warning: 'border-warning-700/30 bg-warning-50 text-warning-700',
  danger: 'border-danger-600/30 bg-danger-50 text-danger-700',
};

/** A short state in words (never in colour alone). */
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span
      className={cn(
        'inline-block rounded border px-1.5 py-px text-xs font-medium whitespace-nowrap',
        TONE_CLASSES[tone],
      )}
    >
      {children}
    </span>
  );
}
