import { describe, expect, test } from 'vitest';
import {
  InputStatus,
  type RecordEmitter,
  RecordsWithSplitIds,
  SourceReaderBase,
  type SourceReaderContext,
  type SplitReader,
  type SplitsChange,
} from '../src/index.ts';

interface CountSplit {
  readonly splitId: string;
  readonly count: number;
  readonly position: number;
}
interface CountState {
  readonly split: CountSplit;
  position: number;
}

/** Reads split k's numbers position..count-1, `perFetch` at a time; can be told to fail or to hold fetches. */
class CountingSplitReader implements SplitReader<number, CountSplit> {
  fetches = 0;
  failWith: Error | undefined;
  private readonly splits: { split: CountSplit; next: number }[] = [];

  constructor(private readonly perFetch: number) {}

  async fetch(): Promise<RecordsWithSplitIds<number>> {
    this.fetches++;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failWith !== undefined) throw this.failWith;
    const current = this.splits[0];
    if (current === undefined) return RecordsWithSplitIds.empty();
    const stop = Math.min(current.split.count, current.next + this.perFetch);
    const records: number[] = [];
    for (let i = current.next; i < stop; i++) records.push(i);
    current.next = stop;
    const finished = stop >= current.split.count;
    if (finished) this.splits.shift();
    return RecordsWithSplitIds.of(current.split.splitId, records, finished);
  }

  handleSplitsChanges(change: SplitsChange<CountSplit>): void {
    for (const split of change.splits) this.splits.push({ split, next: split.position });
  }

  wakeUp(): void {}
  close(): void {}
}

const emitter: RecordEmitter<number, number, CountState> = {
  emitRecord(record, output, state) {
    output.collect(record);
    state.position = record + 1;
  },
};

class CountingReader extends SourceReaderBase<number, number, CountSplit, CountState> {
  finished: string[] = [];
  protected initializedState(split: CountSplit): CountState {
    return { split, position: split.position };
  }
  protected toSplitType(_id: string, state: CountState): CountSplit {
    return { ...state.split, position: state.position };
  }
  protected onSplitFinished(finished: ReadonlyMap<string, CountState>): void {
    this.finished.push(...finished.keys());
  }
}

const context: SourceReaderContext = {
  subtaskIndex: 0,
  parallelism: 1,
  attemptNumber: 0,
  checkpointingEnabled: false,
  sendSplitRequest() {},
  sendSourceEventToCoordinator() {},
};

function setUp(perFetch = 10, options: { queueCapacity?: number; recordsPerPoll?: number } = {}) {
  const splitReader = new CountingSplitReader(perFetch);
  const reader = new CountingReader(() => splitReader, emitter, context, options);
  const out: number[] = [];
  const collect = (value: number) => out.push(value);
  const output = { collect, createOutputForSplit: () => ({ collect }), releaseOutputForSplit() {} };
  return { splitReader, reader, out, output };
}

const settle = async (rounds = 20): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

const isSettled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await settle(2);
  return done;
};

describe('SourceReaderBase', () => {
  test('a full queue pauses the fetchers: capacity batches queued plus one waiting to be put, then nothing', async () => {
    const { splitReader, reader, output } = setUp(10, { queueCapacity: 2, recordsPerPoll: 10 });
    reader.addSplits([{ splitId: 'a', count: 1_000, position: 0 }]);
    await settle(50);
    expect(splitReader.fetches).toBe(3);
    await settle(50);
    expect(splitReader.fetches).toBe(3);
    // Taking one batch frees one place: exactly one more fetch.
    expect(reader.pollNext(output)).toBe(InputStatus.MORE_AVAILABLE);
    await settle(50);
    expect(splitReader.fetches).toBe(4);
  });

  test('pollNext emits at most recordsPerPoll records, and a batch across several polls', async () => {
    const { reader, out, output } = setUp(10, { recordsPerPoll: 4 });
    reader.addSplits([{ splitId: 'a', count: 10, position: 0 }]);
    await settle();
    expect(reader.pollNext(output)).toBe(InputStatus.MORE_AVAILABLE);
    expect(out).toEqual([0, 1, 2, 3]);
    reader.pollNext(output);
    reader.pollNext(output);
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('END_OF_INPUT only after no more splits, all fetchers idle and an empty queue', async () => {
    const { reader, out, output } = setUp(5);
    // No splits, no signal yet: nothing available, and availability is not complete (no spinning).
    expect(reader.pollNext(output)).toBe(InputStatus.NOTHING_AVAILABLE);
    const available = reader.isAvailable();
    expect(await isSettled(available)).toBe(false);

    reader.addSplits([{ splitId: 'a', count: 12, position: 0 }]);
    await available; // a batch arrived
    reader.notifyNoMoreSplits();
    // Fetchers still busy / batches queued: not the end yet.
    let status: InputStatus = reader.pollNext(output);
    expect(status).not.toBe(InputStatus.END_OF_INPUT);
    while (status !== InputStatus.END_OF_INPUT) {
      if (status === InputStatus.NOTHING_AVAILABLE) await reader.isAvailable();
      status = reader.pollNext(output);
    }
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reader.finished).toEqual(['a']);
    expect(reader.snapshotState(1)).toEqual([]);
  });

  test('no more splits with nothing assigned ends at once; isAvailable completes on notifyNoMoreSplits', async () => {
    const { reader, output } = setUp();
    expect(reader.pollNext(output)).toBe(InputStatus.NOTHING_AVAILABLE);
    const available = reader.isAvailable();
    reader.notifyNoMoreSplits();
    await available;
    expect(reader.pollNext(output)).toBe(InputStatus.END_OF_INPUT);
  });

  test('snapshotState holds every split at the position of the last emitted record, unfetched ones included', async () => {
    const { reader, output } = setUp(10, { recordsPerPoll: 3 });
    reader.addSplits([
      { splitId: 'a', count: 20, position: 0 },
      { splitId: 'b', count: 5, position: 2 },
    ]);
    await settle();
    reader.pollNext(output); // emits 0, 1, 2 of split a
    expect(reader.snapshotState(1)).toEqual([
      { splitId: 'a', count: 20, position: 3 },
      { splitId: 'b', count: 5, position: 2 },
    ]);
  });

  test('a fetch error is rethrown by pollNext, and wakes a waiting task', async () => {
    const { splitReader, reader, output } = setUp(10, { queueCapacity: 1 });
    splitReader.failWith = new Error('disk on fire: /data/x');
    reader.addSplits([{ splitId: 'a', count: 100, position: 0 }]);
    expect(reader.pollNext(output)).toBe(InputStatus.NOTHING_AVAILABLE);
    await reader.isAvailable();
    expect(() => reader.pollNext(output)).toThrow('disk on fire: /data/x');
  });

  test('close stops a fetcher that waits for room in the queue', async () => {
    const { splitReader, reader } = setUp(10, { queueCapacity: 1 });
    reader.addSplits([{ splitId: 'a', count: 1_000, position: 0 }]);
    await settle();
    await reader.close();
    const fetches = splitReader.fetches;
    await settle();
    expect(splitReader.fetches).toBe(fetches);
  });
});
