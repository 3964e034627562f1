'use client';

import { useEffect } from 'react';
import { Button } from './ui/button';

export interface SegmentErrorProps {
  error: unknown;
  retry: () => void;
}

/** The body of every `error.tsx`. Production hides the server's message, so the digest is shown to quote. */
export function SegmentError({ error, retry, section }: SegmentErrorProps & { section: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <div role="alert" className="max-w-2xl rounded-(--radius-card) border border-danger-600/40 bg-surface p-6">
      <h1 className="text-lg font-semibold">{section} could not be loaded</h1>
      <p className="mt-2 text-sm text-ink-muted">
        The API did not answer as expected, or the connection dropped. Try again; if it keeps happening, look for
        {digest ? (
          <>
            {' '}
            the reference <code className="font-mono text-ink">{digest}</code> in
          </>
        ) : null}{' '}
        the admin-frontend and API logs.
      </p>
      <Button look="primary" className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
