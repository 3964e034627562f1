'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

// Catches failures of layouts below the root, such as the dashboard shell when the API is unreachable.
export default function RootError(props: SegmentErrorProps) {
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <SegmentError {...props} section="This page" />
    </main>
  );
}
