export function ThreadSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the conversation"
      className="flex h-full animate-pulse flex-col gap-3 bg-canvas p-4"
    >
      <div className="h-6 w-48 rounded bg-line" />
      <div className="h-10 w-2/3 rounded-xl bg-line/70" />
      <div className="h-10 w-1/2 self-end rounded-xl bg-line/70" />
      <div className="h-16 w-3/5 rounded-xl bg-line/70" />
    </div>
  );
}
