'use client';

import { useEffect } from 'react';
import { Button } from './button';

export interface SegmentErrorProps {
  error: unknown;
  retry: () => void;
}

/** The body of every dashboard `error.tsx`: production hides the server's message, so show the digest to quote. */
export function SegmentError({ error, retry, section }: SegmentErrorProps & { section: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <div role="alert" className="max-w-2xl rounded-(--radius-card) border border-danger-600/30 bg-surface p-6">
      <h1 className="text-lg font-semibold">{section} could not be loaded</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Something went wrong on our side or the connection dropped. Try again; if it keeps happening, contact support
        {digest ? (
          <>
            {' '}
            and quote the reference <code className="font-mono text-ink">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button type="button" className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
