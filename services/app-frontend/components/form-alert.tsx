import type { PlanLimitWayOut } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import type { FieldErrors } from '@/lib/form-state';
import { WayOutLink } from './way-out-link';

interface FormAlertProps {
  tone?: 'error' | 'success' | 'info';
  message?: string;
  /** Field errors whose field is not on this form, so that none is silently lost. */
  fields?: FieldErrors;
  knownFields?: readonly string[];
  /** A plan's limit refused the action (402): a link to the plan that allows more. */
  wayOut?: PlanLimitWayOut;
  className?: string;
}

const TONES = {
  error: 'border-danger-600/30 bg-danger-50 text-danger-700',
  success: 'border-success-700/30 bg-success-50 text-success-700',
  info: 'border-line bg-surface text-ink-muted',
} as const;

export function FormAlert({ tone = 'error', message, fields, knownFields = [], wayOut, className }: FormAlertProps) {
  const extra = Object.entries(fields ?? {}).filter(([name]) => !knownFields.includes(name));
  if (!message && extra.length === 0) return null;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-lg border px-3 py-2 text-sm', TONES[tone], className)}
    >
      {message && <p>{message}</p>}
      {wayOut && (
        <p className="mt-1">
          <WayOutLink wayOut={wayOut} />
        </p>
      )}
      {extra.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {extra.map(([name, text]) => (
            <li key={name}>
              {name}: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
