import type { WebhookEnvelope, WebhookItem } from './envelope';

export type DeliveryState = 'held' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'batched' | 'cancelled';

/**
 * accepted = the receiver answered 200; rejected = any other status; error = network error or timeout;
 * dropped = not sent (drop_first fault); ignored = sent, answer discarded as a failure (fail_first fault).
 */
export type AttemptOutcome = 'accepted' | 'rejected' | 'error' | 'dropped' | 'ignored';

export type DeliveryAttempt = {
  attempt: number;
  startedAt: number;
  durationMs: number;
  outcome: AttemptOutcome;
  status: number | null;
  error: string | null;
  /** The start of the receiver's answer, to see why it refused. */
  responseBody: string | null;
};

export type DeliveryRecord = {
  id: string;
  createdAt: number;
  state: DeliveryState;
  url: string;
  items: readonly WebhookItem[];
  envelope: WebhookEnvelope;
  /** The exact bytes POSTed (Meta-escaped JSON); duplicates share them. */
  body: string;
  wamids: string[];
  attempts: DeliveryAttempt[];
  nextAttemptAt: number | null;
  duplicateOf: string | null;
  batchedInto: string | null;
  batchedFrom: string[];
};

const TERMINAL: ReadonlySet<DeliveryState> = new Set(['delivered', 'failed', 'batched', 'cancelled']);

/** Recent deliveries for GET /_sandbox/deliveries, newest last in memory, bounded by `limit`. */
export class DeliveryLog {
  private readonly records = new Map<string, DeliveryRecord>();
  private sequence = 0;

  constructor(private readonly limit: number) {}

  nextId(): string {
    this.sequence += 1;
    return `dlv_${this.sequence}`;
  }

  add(record: DeliveryRecord): void {
    this.records.set(record.id, record);
    if (this.records.size <= this.limit) return;
    // Forget the oldest finished delivery; one still in flight is kept so its record stays truthful.
    for (const [id, r] of this.records) {
      if (TERMINAL.has(r.state)) {
        this.records.delete(id);
        return;
      }
    }
  }

  /** Forgets every record; ids keep counting so an old id never names a new delivery. */
  clear(): void {
    this.records.clear();
  }

  get(id: string): DeliveryRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  list(filter: { limit: number; wamid?: string }): DeliveryRecord[] {
    const out: DeliveryRecord[] = [];
    const all = [...this.records.values()];
    for (let i = all.length - 1; i >= 0 && out.length < filter.limit; i--) {
      const record = all[i]!;
      if (filter.wamid === undefined || record.wamids.includes(filter.wamid)) out.push(record);
    }
    return out;
  }
}
