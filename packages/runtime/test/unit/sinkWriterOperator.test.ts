import type { RuntimeContext, Sink } from '@dhara/core';
import { expect, test } from 'vitest';
import type { OperatorSnapshot } from '../../src/checkpoint/index.ts';
import { FaultInjector } from '../../src/faults/index.ts';
import { OperatorStateBackend } from '../../src/state/index.ts';
import type { OperatorContext } from '../../src/taskworker/operators/index.ts';
import { SinkWriterOperator } from '../../src/taskworker/operators/SinkWriterOperator.ts';

/** A sink whose writes finish only when the test says so; it logs writes and flushes in the order it sees them. */
function manualSink() {
  const log: string[] = [];
  const waiting: (() => void)[] = [];
  const sink: Sink<number> = {
    createWriter: () => ({
      write(value) {
        log.push(`write ${value}`);
        return new Promise<void>((resolve) => waiting.push(resolve));
      },
      flush(endOfInput) {
        log.push(`flush ${endOfInput}`);
      },
      close() {},
    }),
  };
  const finishOne = async () => {
    waiting.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { sink, log, finishOne };
}

function operator(sink: Sink<number>, restored?: OperatorSnapshot): SinkWriterOperator {
  const runtime = { jobName: 't', operatorUid: 'sink', subtaskIndex: 0, parallelism: 1, attemptNumber: 0 };
  const context = {
    runtime: runtime as RuntimeContext,
    operatorState: new OperatorStateBackend(restored),
    restored,
    faults: new FaultInjector([], 0, 0),
  } as unknown as OperatorContext;
  return new SinkWriterOperator(context, sink as Sink<unknown>);
}

test('a barrier overtaking queued writes: flush right after the write in progress, the queue into the checkpoint', async () => {
  const { sink, log, finishOne } = manualSink();
  const op = operator(sink);
  await op.open();
  for (const v of [1, 2, 3, 4]) op.processElement(v, undefined);
  expect(log).toEqual(['write 1']);
  const flushed = op.prepareSnapshotPreBarrier(7);
  const snapshot = structuredClone(op.snapshotState(7)!);
  let acked = false;
  void flushed?.then(() => {
    acked = true;
  });
  await finishOne(); // write 1 done: the flush comes next, before 2, 3 and 4
  expect(log).toEqual(['write 1', 'flush false', 'write 2']);
  expect(acked).toBe(true);
  expect(snapshot.listState?.['dhara.sink.unwritten']).toEqual([
    { value: 2, timestamp: undefined },
    { value: 3, timestamp: undefined },
    { value: 4, timestamp: undefined },
  ]);

  // Restored from that checkpoint: 2, 3 and 4 are written first (at least once).
  const again = manualSink();
  const restored = operator(again.sink, snapshot);
  let open = true;
  const opened = restored.open().then(() => {
    open = false;
  });
  while (open) await again.finishOne();
  await opened;
  expect(again.log).toEqual(['write 2', 'write 3', 'write 4']);
});

test('nothing in flight: the barrier flushes at once and stores no records', async () => {
  const { sink, log } = manualSink();
  const op = operator(sink);
  await op.open();
  expect(op.prepareSnapshotPreBarrier(1)).toBeUndefined();
  expect(log).toEqual(['flush false']);
  expect(op.snapshotState(1)?.listState?.['dhara.sink.unwritten']).toEqual([]);
});
