/** Skeleton shown while a dashboard section streams in. */
export function SegmentLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">{label}</span>
      <div className="mb-6 h-7 w-48 rounded bg-line" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="h-28 rounded-(--radius-card) bg-line/70" />
        <div className="h-28 rounded-(--radius-card) bg-line/70" />
        <div className="h-28 rounded-(--radius-card) bg-line/70" />
      </div>
    </div>
  );
}
