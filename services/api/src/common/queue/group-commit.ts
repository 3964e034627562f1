/**
 * Group commit for a queue consumer: the jobs BullMQ hands over while earlier batches are being written form the next
 * batch, written by one call (docs/adr/0085-inbound-storing-by-owner.md). A batch that fails is retried item by item,
 * so that only the item at fault fails (and its job is retried by the queue): both handlers must be idempotent.
 */
export interface GroupCommitOptions<T> {
  /** Writes a whole batch. */
  batch: (items: T[]) => Promise<void>;
  /** Writes one item alone, after its batch failed. */
  one: (item: T) => Promise<void>;
  /** A batch holds items up to this total size (at least one item, whatever its size). */
  maxSize: number;
  /** Batches written at the same time: while one waits for its commit, the next one runs. */
  maxInFlight: number;
  /** An item's share of `maxSize`; 1 by default. */
  sizeOf?: (item: T) => number;
  /** Told when a batch failed and its items are retried one by one. */
  onBatchFailed?: (err: unknown, items: number) => void;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private inFlight = 0;
  private startScheduled = false;

  constructor(private readonly options: GroupCommitOptions<T>) {}

  /** Resolves once the batch holding this item is written; rejects with the item's own failure. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.startScheduled && this.inFlight < this.options.maxInFlight) {
        this.startScheduled = true;
        // At the end of this turn, so that the jobs BullMQ hands over together start as one batch.
        setImmediate(this.startBatches);
      }
    });
  }

  private readonly startBatches = (): void => {
    this.startScheduled = false;
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      this.inFlight++;
      void this.write(this.takeBatch()).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  };

  private sizeOf(item: T): number {
    return this.options.sizeOf?.(item) ?? 1;
  }

  private takeBatch(): Waiting<T>[] {
    let size = 0;
    let count = 0;
    while (count < this.waiting.length) {
      const next = this.sizeOf(this.waiting[count]!.item);
      if (count > 0 && size + next > this.options.maxSize) break;
      size += next;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.options.batch(batch.map((waiting) => waiting.item));
      for (const waiting of batch) waiting.resolve();
      return;
    } catch (err) {
      // A lone item of one: the one-by-one retry would be the same call again.
      if (batch.length === 1 && this.sizeOf(batch[0]!.item) <= 1) {
        batch[0]!.reject(err);
        return;
      }
      this.options.onBatchFailed?.(err, batch.length);
    }
    for (const waiting of batch) {
      try {
        await this.options.one(waiting.item);
        waiting.resolve();
      } catch (err) {
        waiting.reject(err);
      }
    }
  }
}
