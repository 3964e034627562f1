'use client';

import { useEffect } from 'react';

export interface SegmentErrorProps {
  error: unknown;
  retry: () => void;
}

/** The body of every `error.tsx`: production hides the server's message, so show the digest to quote. */
export function SegmentError({ error, retry, section }: SegmentErrorProps & { section: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <div role="alert" className="max-w-2xl rounded-(--radius-card) border border-line bg-surface p-6">
      <h1 className="text-lg font-semibold">{section} could not be loaded</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Try again; if it keeps happening, check the admin-frontend logs
        {digest ? (
          <>
            {' '}
            for the reference <code className="font-mono text-ink">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
