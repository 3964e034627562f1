import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export type ButtonLook = 'primary' | 'secondary' | 'danger' | 'quiet';

const LOOKS: Record<ButtonLook, string> = {
  // brand-700 under white text: brand-600 falls short of the 4.5:1 contrast small text needs.
  primary: 'bg-brand-700 text-white hover:bg-brand-800 disabled:bg-brand-700/60',
  secondary: 'border border-line bg-surface text-ink hover:bg-canvas disabled:text-ink-subtle',
  danger: 'bg-danger-700 text-white hover:bg-danger-600 disabled:bg-danger-700/60',
  quiet: 'text-brand-700 underline-offset-2 hover:underline disabled:text-ink-subtle',
};

/** A button's classes, also for links that act as buttons (the queue dashboard, the CSV export). */
export function buttonClasses(look: ButtonLook = 'primary', extra?: string): string {
  return cn(
    'inline-flex items-center justify-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap',
    'transition-colors disabled:cursor-not-allowed',
    LOOKS[look],
    extra,
  );
}

interface ButtonProps extends ComponentProps<'button'> {
  look?: ButtonLook;
  /** While a form's action runs: disabled, announced as busy, and labelled `busyText` when given. */
  busy?: boolean;
  busyText?: string;
}

/** A plain button unless told otherwise: submitting is always explicit (`type="submit"`). */
export function Button({ look, busy = false, busyText, className, disabled, children, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      className={buttonClasses(look, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && busyText ? busyText : children}
    </button>
  );
}
