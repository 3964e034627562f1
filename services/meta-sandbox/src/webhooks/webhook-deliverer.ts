import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import type { WebhookDeliveryConfig } from '../config';
import { type DeliveryAttempt, DeliveryLog, type DeliveryRecord } from './delivery-log';
import { buildEnvelope, type WebhookItem, wamidsOf } from './envelope';
import { type AttemptFaults, type FaultPatch, FaultStore } from './faults';
import { toMetaJson } from './meta-json';
import { signatureSha1, signatureSha256 } from './signature';

const RESPONSE_EXCERPT_CHARS = 500;

export type DelivererOptions = WebhookDeliveryConfig & { appSecret: string };

/**
 * Sends webhooks like Meta: signed, concurrently, retried with exponential backoff until the receiver answers exactly
 * 200. Pipeline: enqueue → batch (held until N, then one grouped delivery) → reorder (held until released, then
 * newest first) → dispatch (+ duplicate copies) → attempts with retries.
 */
export class WebhookDeliverer {
  readonly faults = new FaultStore();
  readonly log: DeliveryLog;
  private batchHeld: DeliveryRecord[] = [];
  private reorderHeld: DeliveryRecord[] = [];
  // Aborted by reset() and close(): stops pending retries and in-flight POSTs at once.
  private lifecycle = new AbortController();

  constructor(
    private readonly options: DelivererOptions,
    private readonly clock: Clock,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.log = new DeliveryLog(options.logLimit);
  }

  /** Queues one change for delivery; the record is returned at once, delivery happens in the background. */
  enqueue(item: WebhookItem): DeliveryRecord {
    const record = this.createRecord([item]);
    if (this.faults.current.batch > 0) {
      record.state = 'held';
      this.batchHeld.push(record);
      if (this.batchHeld.length >= this.faults.current.batch) this.releaseBatch();
      return record;
    }
    this.route(record);
    return record;
  }

  /** Merges new fault settings, then releases whatever they no longer hold (e.g. batch lowered or turned off). */
  applyFaults(patch: FaultPatch): void {
    this.faults.apply(patch);
    const { batch, reorder } = this.faults.current;
    if (this.batchHeld.length > 0 && (batch === 0 || this.batchHeld.length >= batch)) this.releaseBatch();
    if (this.reorderHeld.length > 0 && !this.faults.holdsForReorder()) this.releaseReordered();
    else if (typeof reorder === 'number' && reorder > 0 && this.reorderHeld.length >= reorder) {
      this.faults.endReorder();
      this.releaseReordered();
    }
  }

  /** No more faults; what was held goes out (batched and reordered as it would have been). */
  clearFaults(): { batch: number; reorder: number } {
    const held = this.flush();
    this.faults.clear();
    return held;
  }

  /** Sends whatever batch or reorder is holding now; answers what was held before. */
  flush(): { batch: number; reorder: number } {
    const held = this.heldCounts();
    if (this.batchHeld.length > 0) this.releaseBatch();
    if (this.reorderHeld.length > 0) this.releaseReordered();
    return held;
  }

  heldCounts(): { batch: number; reorder: number } {
    return { batch: this.batchHeld.length, reorder: this.reorderHeld.length };
  }

  /** Forgets held webhooks, pending retries and the log, and clears the faults. */
  reset(): void {
    this.lifecycle.abort();
    this.lifecycle = new AbortController();
    this.batchHeld = [];
    this.reorderHeld = [];
    this.faults.clear();
    this.log.clear();
  }

  close(): void {
    this.lifecycle.abort();
  }

  private createRecord(items: readonly WebhookItem[]): DeliveryRecord {
    const envelope = buildEnvelope(items);
    const record: DeliveryRecord = {
      id: this.log.nextId(),
      createdAt: this.clock.now(),
      state: 'sending',
      url: this.options.url,
      items,
      envelope,
      body: toMetaJson(envelope),
      wamids: wamidsOf(envelope),
      attempts: [],
      nextAttemptAt: null,
      duplicateOf: null,
      batchedInto: null,
      batchedFrom: [],
    };
    this.log.add(record);
    return record;
  }

  private releaseBatch(): void {
    const members = this.batchHeld;
    this.batchHeld = [];
    this.faults.endBatch();
    const grouped = this.createRecord(members.flatMap((m) => m.items));
    grouped.batchedFrom = members.map((m) => m.id);
    for (const member of members) {
      member.state = 'batched';
      member.batchedInto = grouped.id;
    }
    this.route(grouped);
  }

  private route(record: DeliveryRecord): void {
    if (!this.faults.holdsForReorder()) {
      void this.dispatch(record);
      return;
    }
    record.state = 'held';
    this.reorderHeld.push(record);
    const reorder = this.faults.current.reorder;
    if (typeof reorder === 'number' && this.reorderHeld.length >= reorder) {
      this.faults.endReorder();
      this.releaseReordered();
    }
  }

  /** Newest first, one after another: each first attempt ends before the next delivery starts. */
  private releaseReordered(): void {
    const held = this.reorderHeld.reverse();
    this.reorderHeld = [];
    const signal = this.lifecycle.signal;
    void held.reduce<Promise<void>>(
      (previous, record) => previous.then(() => (signal.aborted ? undefined : this.dispatch(record))),
      Promise.resolve(),
    );
  }

  /** Starts the delivery and its duplicates; resolves once each has made its first attempt. */
  private dispatch(record: DeliveryRecord): Promise<void> {
    const { duplicate, drop_first, fail_first, latency_ms } = this.faults.current;
    const attemptFaults: AttemptFaults = { drop_first, fail_first, latency_ms };
    const copies = [record];
    for (let i = 0; i < duplicate; i++) {
      const copy: DeliveryRecord = { ...record, id: this.log.nextId(), attempts: [], duplicateOf: record.id };
      this.log.add(copy);
      copies.push(copy);
    }
    return Promise.all(
      copies.map(
        (copy) =>
          new Promise<void>((firstAttemptDone) => {
            copy.state = 'sending';
            this.run(copy, attemptFaults, firstAttemptDone).catch((err: unknown) => {
              this.logger.error({ err, deliveryId: copy.id }, 'webhook delivery crashed');
              firstAttemptDone();
            });
          }),
      ),
    ).then(() => undefined);
  }

  private async run(record: DeliveryRecord, faults: AttemptFaults, firstAttemptDone: () => void): Promise<void> {
    const signal = this.lifecycle.signal;
    const { maxAttempts } = this.options;
    try {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (faults.latency_ms > 0) await sleep(faults.latency_ms, undefined, { signal });
        const result = await this.attempt(record, attempt, faults, signal);
        record.attempts.push(result);
        if (attempt === 1) firstAttemptDone();
        if (result.outcome === 'accepted') {
          record.state = 'delivered';
          return;
        }
        if (attempt === maxAttempts) {
          record.state = 'failed';
          this.logger.warn({ deliveryId: record.id, attempts: attempt }, 'webhook delivery gave up');
          return;
        }
        const delay = Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), this.options.retryMaxDelayMs);
        record.state = 'retrying';
        record.nextAttemptAt = this.clock.now() + delay;
        await sleep(delay, undefined, { signal });
        record.nextAttemptAt = null;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
      record.state = 'cancelled';
      record.nextAttemptAt = null;
    } finally {
      firstAttemptDone();
    }
  }

  private async attempt(
    record: DeliveryRecord,
    attempt: number,
    faults: AttemptFaults,
    signal: AbortSignal,
  ): Promise<DeliveryAttempt> {
    const startedAt = this.clock.now();
    const started = performance.now();
    const result = (
      outcome: DeliveryAttempt['outcome'],
      status: number | null,
      error: string | null,
      responseBody: string | null = null,
    ): DeliveryAttempt => ({
      attempt,
      startedAt,
      durationMs: Math.round(performance.now() - started),
      outcome,
      status,
      error,
      responseBody,
    });

    if (attempt <= faults.drop_first) return result('dropped', null, 'not sent: drop_first fault');
    try {
      const response = await fetch(record.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': signatureSha256(record.body, this.options.appSecret),
          'x-hub-signature': signatureSha1(record.body, this.options.appSecret),
        },
        body: record.body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      const text = (await response.text()).slice(0, RESPONSE_EXCERPT_CHARS);
      if (attempt <= faults.fail_first)
        return result('ignored', response.status, 'answer ignored: fail_first fault', text);
      // Meta counts only 200 as success: 201, 204 and redirects are retried.
      if (response.status === 200) return result('accepted', 200, null, text);
      return result('rejected', response.status, `answered HTTP ${response.status}`, text);
    } catch (err) {
      if (signal.aborted) throw err;
      // A DOMException, which is not always an Error instance (e.g. across realms): test the name.
      const name = typeof err === 'object' && err !== null && 'name' in err ? err.name : undefined;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const message = timedOut ? `no answer within ${this.options.timeoutMs} ms` : describeNetworkError(err);
      return result('error', null, message);
    }
  }
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici hides the useful part (ECONNREFUSED, ...) in `cause`.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
