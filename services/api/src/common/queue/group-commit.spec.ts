import { setImmediate as nextTurn } from 'node:timers/promises';
import { GroupCommit } from './group-commit';

/** A GroupCommit over numbers whose writes are recorded and finish when the test says so. */
function harness(options: { maxSize?: number; maxInFlight?: number; failBatch?: boolean; failOne?: number } = {}) {
  const batches: number[][] = [];
  const ones: number[] = [];
  const pending: (() => void)[] = [];
  const failed: number[] = [];
  const commit = new GroupCommit<number>({
    batch: async (items) => {
      batches.push(items);
      await new Promise<void>((resolve) => pending.push(resolve));
      if (options.failBatch) throw new Error('batch failed');
    },
    one: async (item) => {
      ones.push(item);
      if (item === options.failOne) throw new Error(`item ${item} failed`);
    },
    maxSize: options.maxSize ?? 100,
    maxInFlight: options.maxInFlight ?? 1,
    sizeOf: (item) => (item >= 10 ? 2 : 1),
    onBatchFailed: (_err, items) => failed.push(items),
  });
  const release = async () => {
    while (pending.length > 0) pending.shift()!();
    await nextTurn();
  };
  return { commit, batches, ones, release, failed };
}

describe('GroupCommit', () => {
  it('should write the items submitted in one turn as one batch, and those arriving meanwhile as the next', async () => {
    const { commit, batches, release } = harness();
    const first = [1, 2, 3].map((n) => commit.submit(n));
    await nextTurn();
    const second = [4, 5].map((n) => commit.submit(n));
    await nextTurn();
    expect(batches).toEqual([[1, 2, 3]]);
    await release();
    await Promise.all(first);
    await release();
    await Promise.all(second);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('should cut batches at maxSize by the items’ sizes, always taking at least one item', async () => {
    const { commit, batches, release } = harness({ maxSize: 3, maxInFlight: 3 });
    const all = [1, 10, 2, 11, 12].map((n) => commit.submit(n));
    await nextTurn();
    await release();
    await release();
    await Promise.all(all);
    expect(batches).toEqual([[1, 10], [2, 11], [12]]);
  });

  it('should keep at most maxInFlight batches writing at once', async () => {
    const { commit, batches, release } = harness({ maxSize: 1, maxInFlight: 2 });
    const all = [1, 2, 3, 4].map((n) => commit.submit(n));
    await nextTurn();
    expect(batches).toHaveLength(2);
    await release();
    expect(batches).toHaveLength(4);
    await release();
    await Promise.all(all);
  });

  it('should retry a failed batch item by item and fail only the item at fault', async () => {
    const { commit, ones, release, failed } = harness({ failBatch: true, failOne: 2 });
    const results = [1, 2, 3].map((n) =>
      commit.submit(n).then(
        () => 'ok',
        (err: Error) => err.message,
      ),
    );
    await nextTurn();
    await release();
    expect(await Promise.all(results)).toEqual(['ok', 'item 2 failed', 'ok']);
    expect(ones).toEqual([1, 2, 3]);
    expect(failed).toEqual([3]);
  });

  it('should reject a lone item of size one with the batch’s error, without calling it again', async () => {
    const { commit, ones, release } = harness({ failBatch: true });
    const result = commit.submit(1).catch((err: Error) => err.message);
    await nextTurn();
    await release();
    expect(await result).toBe('batch failed');
    expect(ones).toEqual([]);
  });

  it('should retry a lone item larger than one by itself, since its parts may succeed alone', async () => {
    const { commit, ones, release } = harness({ failBatch: true });
    const result = commit.submit(10);
    await nextTurn();
    await release();
    await result;
    expect(ones).toEqual([10]);
  });
});
