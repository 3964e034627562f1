'use client';

import { useState } from 'react';
import { Button } from './button';

/** Copies `value`; where the clipboard is refused (plain http), selects the target field for a manual copy. */
export function CopyButton({ value, targetId, label = 'Copy' }: { value: string; targetId?: string; label?: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'manual'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target instanceof HTMLInputElement) target.select();
      setCopied('manual');
    }
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={copy}>
        {copied === 'copied' ? 'Copied' : label}
      </Button>
      <span role="status" className="sr-only">
        {copied === 'copied' ? 'Copied to the clipboard' : copied === 'manual' ? 'Selected: press Ctrl+C to copy' : ''}
      </span>
    </>
  );
}
