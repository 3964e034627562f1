import { z } from 'zod';

/**
 * Faults of webhook deliveries and, for the `fail_recipients` and `send_*` keys, of sends (graph/messages-faults.ts),
 * set with POST /_sandbox/faults (merged into the current ones) and cleared with DELETE; `graph_5xx` fails the other
 * Graph API calls (graph/graph-routes.ts). What each one does is described in the meta-sandbox README, "Faults";
 * change both together.
 */
export const faultPatchSchema = z.strictObject({
  duplicate: z.int().min(0).max(20).optional(),
  batch: z.int().min(0).max(1000).optional(),
  reorder: z.union([z.boolean(), z.int().min(0).max(1000)]).optional(),
  drop_first: z.int().min(0).max(50).optional(),
  fail_first: z.int().min(0).max(50).optional(),
  latency_ms: z.int().min(0).max(60_000).optional(),
  fail_recipients: z.record(z.string().regex(/^\d+$/, 'keys must be wa_ids'), z.int().positive()).optional(),
  send_latency_ms: z.int().min(0).max(60_000).optional(),
  send_5xx: z.int().min(0).max(1000).optional(),
  send_timeout: z.int().min(0).max(1000).optional(),
  send_spam_limit: z.int().min(0).max(1000).optional(),
  graph_5xx: z.int().min(0).max(1000).optional(),
  outage_s: z.int().min(0).max(3600).optional(),
});
export type FaultPatch = z.infer<typeof faultPatchSchema>;

export type Faults = {
  duplicate: number;
  batch: number;
  reorder: boolean | number;
  drop_first: number;
  fail_first: number;
  latency_ms: number;
  fail_recipients: Record<string, number>;
  send_latency_ms: number;
  send_5xx: number;
  send_timeout: number;
  send_spam_limit: number;
  graph_5xx: number;
  /** Unix ms until which the Graph API is down (`outage_s`); 0 when it is up. */
  outage_until: number;
};

/** What an outage does to one Graph API request: nothing once it is over. */
export type OutageEffect = 'none' | '5xx' | 'timeout';

/** The faults that act on each attempt, fixed when a delivery starts so later changes do not alter it. */
export type AttemptFaults = Pick<Faults, 'drop_first' | 'fail_first' | 'latency_ms'>;

const NO_FAULTS: Faults = {
  duplicate: 0,
  batch: 0,
  reorder: false,
  drop_first: 0,
  fail_first: 0,
  latency_ms: 0,
  fail_recipients: {},
  send_latency_ms: 0,
  send_5xx: 0,
  send_timeout: 0,
  send_spam_limit: 0,
  graph_5xx: 0,
  outage_until: 0,
};

export class FaultStore {
  private faults: Faults = { ...NO_FAULTS };
  /** Requests the current outage has refused so far; every second one is left unanswered. */
  private outageRequests = 0;

  get current(): Readonly<Faults> {
    return this.faults;
  }

  /** `outage_s` is a duration from `now`, kept as the instant it ends; 0 ends an outage at once. */
  apply(patch: FaultPatch, now = Date.now()): Readonly<Faults> {
    const { outage_s: outage, ...rest } = patch;
    this.faults = { ...this.faults, ...rest };
    if (outage !== undefined) {
      this.faults.outage_until = outage > 0 ? now + outage * 1000 : 0;
      this.outageRequests = 0;
    }
    return this.faults;
  }

  clear(): void {
    this.faults = { ...NO_FAULTS };
  }

  /** Whether an outage (`outage_s`) lasts at `now`. */
  down(now = Date.now()): boolean {
    return now < this.faults.outage_until;
  }

  /**
   * Meta away (`outage_s`): while it lasts, Graph requests alternate between a 500 and no answer at all, which is
   * how a real outage looks from outside (some requests refused, others hanging until the client gives up).
   */
  outage(now = Date.now()): OutageEffect {
    if (!this.down(now)) return 'none';
    this.outageRequests++;
    return this.outageRequests % 2 === 0 ? 'timeout' : '5xx';
  }

  /** Batch and numeric reorder act once: the held webhooks went out, so the fault ends. */
  endBatch(): void {
    this.faults = { ...this.faults, batch: 0 };
  }

  /** Counts one use of a one-shot-per-send fault; true while the fault still had uses left. */
  consume(key: 'send_5xx' | 'send_timeout' | 'send_spam_limit' | 'graph_5xx'): boolean {
    if (this.faults[key] <= 0) return false;
    this.faults = { ...this.faults, [key]: this.faults[key] - 1 };
    return true;
  }

  endReorder(): void {
    this.faults = { ...this.faults, reorder: false };
  }

  holdsForReorder(): boolean {
    return this.faults.reorder === true || (typeof this.faults.reorder === 'number' && this.faults.reorder > 0);
  }
}
