import { Card } from './card';

interface NotAvailablePanelProps {
  title: string;
  /** One sentence on what the section is for. */
  summary: string;
  /** What the section will let people do once it ships. */
  upcoming: readonly string[];
}

/** An honest placeholder for sections whose features ship in later releases: no sample data. */
export function NotAvailablePanel({ title, summary, upcoming }: NotAvailablePanelProps) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{title}</h1>
      <Card className="max-w-2xl">
        <p className="text-sm font-semibold text-warning-700">Not available yet</p>
        <p className="mt-2 text-sm text-ink-muted">{summary}</p>
        <p className="mt-4 text-sm font-medium">What will come here:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-ink-muted">
          {upcoming.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
