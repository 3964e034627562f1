import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

const TONES = {
  brand: 'bg-brand-50 text-brand-800 ring-brand-600/20',
  neutral: 'bg-canvas text-ink-muted ring-line',
  success: 'bg-success-50 text-success-700 ring-success-700/20',
  warning: 'bg-warning-50 text-warning-700 ring-warning-700/20',
  danger: 'bg-danger-50 text-danger-700 ring-danger-600/20',
} as const;

export function StatusBadge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <span className={cn('inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[tone])}>
      {children}
    </span>
  );
}
