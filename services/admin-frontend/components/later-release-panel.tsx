interface LaterReleasePanelProps {
  title: string;
  summary: string;
  upcoming: readonly string[];
}

/** Every admin section for now: says plainly that platform administration is not built yet. */
export function LaterReleasePanel({ title, summary, upcoming }: LaterReleasePanelProps) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{title}</h1>
      <section className="max-w-2xl rounded-(--radius-card) border border-line bg-surface p-5 shadow-xs">
        <h2 className="text-sm font-semibold text-warning-700">Arrives in a later release</h2>
        <p className="mt-2 text-sm text-ink-muted">Platform administration arrives in a later release. {summary}</p>
        <p className="mt-4 text-sm font-medium">What will come here:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-ink-muted">
          {upcoming.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
