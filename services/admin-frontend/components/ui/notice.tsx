import type { ReactNode } from 'react';
import type { FieldErrors } from '@aerostic/shared/web';
import { cn } from '@/lib/cn';
import type { Tone } from '@/lib/labels';
import { TONE_CLASSES } from './badge';

type NoticeTone = 'error' | 'success' | 'info' | 'warning';

/** A notice's tone in the badges' palette. */
function palette(tone: NoticeTone): Tone {
  if (tone === 'error') return 'danger';
  return tone === 'info' ? 'brand' : tone;
}

interface NoticeProps {
  tone: NoticeTone;
  children?: ReactNode;
  /** Field errors whose field this form does not show, so that none is silently lost. */
  strayFields?: FieldErrors;
  shownFields?: readonly string[];
  className?: string;
}

/**
 * A message after an action. Errors are alerts (read out at once); other tones are polite status messages.
 * Renders nothing when there is nothing to say.
 */
export function Notice({ tone, children, strayFields, shownFields = [], className }: NoticeProps) {
  const stray = Object.entries(strayFields ?? {}).filter(([name]) => !shownFields.includes(name));
  if (!children && stray.length === 0) return null;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-md border-l-4 px-3 py-2 text-sm', TONE_CLASSES[palette(tone)], className)}
    >
      {children}
      {stray.length > 0 && (
        <ul className="mt-1 list-inside list-disc">
          {stray.map(([name, text]) => (
            <li key={name}>
              <span className="font-medium">{name}</span>: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
