import type { InputHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** Distinguishes fields with the same name when a page shows several forms. */
  idPrefix?: string;
}

/** A labelled input whose error and hint are announced by screen readers with the field. */
export function FormField({ name, label, error, hint, idPrefix = 'field', className, ...input }: FormFieldProps) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-ink">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs placeholder:text-ink-subtle',
          'disabled:cursor-not-allowed disabled:bg-canvas disabled:text-ink-subtle',
          error ? 'border-danger-600' : 'border-line',
        )}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-ink-subtle">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-danger-700">
          {error}
        </p>
      )}
    </div>
  );
}
