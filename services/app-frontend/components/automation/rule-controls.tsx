'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/button';
import { cn } from '@/lib/cn';

type Result = { ok: true; message: string } | { ok: false; message: string };

interface RuleSwitchProps {
  ruleId: string;
  name: string;
  enabled: boolean;
  onToggle: (ruleId: string, enabled: boolean) => Promise<Result>;
}

/** The rule's on/off switch: a button with the switch role, so it is announced as on or off. */
export function RuleSwitch({ ruleId, name, enabled, onToggle }: RuleSwitchProps) {
  const [pending, start] = useTransition();
  // Shown at once; the page's next render brings the saved value, and a refusal puts the old one back.
  const [shown, setShown] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(enabled);
  if (saved !== enabled) {
    setSaved(enabled);
    setShown(enabled);
  }
  function toggle() {
    const next = !shown;
    setShown(next);
    setError(null);
    start(async () => {
      const result = await onToggle(ruleId, next);
      if (!result.ok) {
        setShown(!next);
        setError(result.message);
      }
    });
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={shown}
        aria-label={`${name}: ${shown ? 'on' : 'off'}`}
        aria-busy={pending || undefined}
        onClick={toggle}
        className={cn(
          'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border transition-colors',
          shown ? 'border-brand-700 bg-brand-700' : 'border-line bg-canvas',
        )}
      >
        <span
          aria-hidden="true"
          className={cn(
            'inline-block size-4 rounded-full bg-surface shadow transition-transform',
            shown ? 'translate-x-6' : 'translate-x-1 ring-1 ring-line',
          )}
        />
      </button>
      <span className="text-xs text-ink-muted" aria-hidden="true">
        {shown ? 'On' : 'Off'}
      </span>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger-700">
          {error}
        </p>
      )}
    </div>
  );
}

interface RuleMoveProps {
  ruleId: string;
  name: string;
  first: boolean;
  last: boolean;
  onMove: (ruleId: string, direction: 'up' | 'down') => Promise<Result>;
}

/** Moves the rule a place up or down; rules run in this order. */
export function RuleMoveButtons({ ruleId, name, first, last, onMove }: RuleMoveProps) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const move = (direction: 'up' | 'down') =>
    start(async () => {
      const result = await onMove(ruleId, direction);
      setError(result.ok ? null : result.message);
    });
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-1">
        <Button
          type="button"
          variant="secondary"
          className="px-2 py-1"
          disabled={first || pending}
          onClick={() => move('up')}
          aria-label={`Move ${name} up`}
        >
          ↑
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="px-2 py-1"
          disabled={last || pending}
          onClick={() => move('down')}
          aria-label={`Move ${name} down`}
        >
          ↓
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger-700">
          {error}
        </p>
      )}
    </div>
  );
}
