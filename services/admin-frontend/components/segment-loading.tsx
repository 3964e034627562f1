/** Skeleton shown while an admin section streams in. */
export function SegmentLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">{label}</span>
      <div className="mb-6 h-7 w-48 rounded bg-line" />
      <div className="h-40 max-w-2xl rounded-(--radius-card) bg-line/70" />
    </div>
  );
}
