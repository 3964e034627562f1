'use client';

import { useState } from 'react';
import { Button } from './button';

/** A read-only value with a Copy button; where the clipboard is refused (plain http), the value is selected. */
export function CopyField({
  id,
  label,
  value,
  mono = true,
}: {
  id: string;
  label: string;
  value: string;
  mono?: boolean;
}) {
  const [outcome, setOutcome] = useState<'' | 'copied' | 'selected'>('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
      setOutcome('selected');
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className={`min-w-0 flex-1 rounded-md border border-line bg-canvas px-2.5 py-1.5 text-sm ${mono ? 'font-mono text-xs' : ''}`}
        />
        <Button look="secondary" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {outcome === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {outcome === 'copied'
          ? `${label} copied to the clipboard`
          : outcome === 'selected'
            ? `${label} selected: press Ctrl+C to copy`
            : ''}
      </p>
    </div>
  );
}
