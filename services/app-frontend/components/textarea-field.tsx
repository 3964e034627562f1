import type { TextareaHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** Distinguishes fields with the same name when a page shows several forms. */
  idPrefix?: string;
}

/** A labelled text area whose error and hint are announced with it, like FormField's input. */
export function TextareaField({
  name,
  label,
  error,
  hint,
  idPrefix = 'field',
  className,
  ...area
}: TextareaFieldProps) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-ink">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs placeholder:text-ink-subtle',
          error ? 'border-danger-600' : 'border-line',
        )}
        {...area}
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
