import { expect, test } from 'vitest';
import {
  GeneratorSource,
  InputStatus,
  type SourceReaderContext,
  type SequenceSplit as Split,
  type SplitEnumeratorContext,
} from '../src/index.ts';

/** Runs one reader of `source` (parallelism `parallelism`) for `ms`, with its splits fed directly; returns records. */
async function runReader(ratePerSecond: number | undefined, parallelism: number, ms: number) {
  // Endless, so the reader never runs out of its split.
  const source = GeneratorSource.of({ splits: 4, generate: (i) => i, ratePerSecond });
  const splits: Split[] = [];
  const enumerator = source.createEnumerator({
    assignSplit: (split: Split) => splits.push(split),
    signalNoMoreSplits() {},
  } as unknown as SplitEnumeratorContext<Split>);
  for (let i = 0; i < 4; i++) enumerator.handleSplitRequest(0);
  const context: SourceReaderContext = {
    subtaskIndex: 0,
    parallelism,
    attemptNumber: 0,
    checkpointingEnabled: false,
    sendSplitRequest() {},
    sendSourceEventToCoordinator() {},
  };
  const reader = source.createReader(context);
  reader.addSplits(splits.slice(0, 1));
  const out: number[] = [];
  let waits = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const collect = (v: number) => out.push(v);
    const status = reader.pollNext({ collect, createOutputForSplit: () => ({ collect }), releaseOutputForSplit() {} });
    if (status === InputStatus.NOTHING_AVAILABLE) {
      waits++;
      await reader.isAvailable();
    } else {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { out, waits };
}

test('ratePerSecond limits a reader to its share, waiting on a timer (no spin), records unchanged', async () => {
  // 2,000/s over 2 readers with splits: 1,000/s for this one, so about 400 in 400 ms.
  const { out, waits } = await runReader(2_000, 2, 400);
  expect(out.length).toBeGreaterThan(300);
  expect(out.length).toBeLessThan(520);
  // Waits are timed batches (about 10 ms of records each), not one per record.
  expect(waits).toBeLessThan(80);
  expect(out.slice(0, 3)).toEqual([0, 4, 8]); // split 0 of 4: indices 0, 4, 8, ...
});

test('without a rate the reader runs flat out', async () => {
  const { out, waits } = await runReader(undefined, 2, 100);
  expect(out.length).toBeGreaterThan(10_000);
  expect(waits).toBe(0);
});
