/** Placeholder rows while an admin section streams in; announced once to screen readers. */
export function SegmentLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div aria-hidden className="animate-pulse space-y-3">
        <div className="h-7 w-56 rounded bg-line" />
        <div className="h-4 w-96 max-w-full rounded bg-line/80" />
        <div className="mt-6 space-y-2 rounded-(--radius-card) border border-line bg-surface p-5">
          {[0, 1, 2, 3, 4].map((row) => (
            <div key={row} className="h-5 rounded bg-line/60" />
          ))}
        </div>
      </div>
    </div>
  );
}
