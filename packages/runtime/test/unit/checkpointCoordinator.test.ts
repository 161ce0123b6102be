import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CheckpointConfig, DEFAULT_CHECKPOINT_CONFIG, type MasterTriggerRestoreHook } from '@dhara/core';
import { afterEach, describe, expect, test } from 'vitest';
import { CheckpointStorage, decodeState, encodeState, type StateFileHandle } from '../../src/checkpoint/index.ts';
import {
  CheckpointCoordinator,
  CheckpointFailuresExceededError,
  type CheckpointGateway,
  type CheckpointStats,
  type TaskRef,
} from '../../src/jobmanager/checkpointing/index.ts';
import { Mailbox, ManualClock } from '../../src/mailbox/index.ts';
import type { TaskCheckpointStats } from '../../src/protocol/index.ts';

/** A manual mailbox that knows how many `whenDone` promises are still unsettled, so tests can wait for I/O. */
class TrackingMailbox extends Mailbox {
  outstanding = 0;
  override whenDone<T>(
    promise: Promise<T>,
    onSettled: (result: T | undefined, error: unknown) => void,
    description: string,
  ): void {
    this.outstanding++;
    super.whenDone(
      promise.finally(() => {
        this.outstanding--;
      }),
      onSettled,
      description,
    );
  }
}

const SOURCES: readonly TaskRef[] = [
  { vertexId: 0, subtaskIndex: 0 },
  { vertexId: 0, subtaskIndex: 1 },
];
const ALL: readonly TaskRef[] = [...SOURCES, { vertexId: 1, subtaskIndex: 0 }];
const name = (t: TaskRef) => `${t.vertexId}/${t.subtaskIndex}`;

/** A master hook whose triggerCheckpoint promises the test settles by hand. */
class ManualHook implements MasterTriggerRestoreHook<unknown> {
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  constructor(
    readonly identifier: string,
    private readonly log: string[],
  ) {}
  triggerCheckpoint(checkpointId: number): Promise<unknown> {
    this.log.push(`hook ${this.identifier} ${checkpointId}`);
    return new Promise((resolve, reject) => this.waiting.set(checkpointId, { resolve, reject }));
  }
  async restoreCheckpoint(): Promise<void> {}
  get unsettled(): number {
    return this.waiting.size;
  }
  resolve(checkpointId: number, data?: unknown): void {
    this.waiting.get(checkpointId)!.resolve(data);
    this.waiting.delete(checkpointId);
  }
  reject(checkpointId: number, error: Error): void {
    this.waiting.get(checkpointId)!.reject(error);
    this.waiting.delete(checkpointId);
  }
}

class FakeGateway implements CheckpointGateway {
  readonly log: string[] = [];
  readonly failures: Error[] = [];
  masterHooks: ManualHook[] = [];
  available = true;
  checkpointPlan() {
    return this.available ? { sources: SOURCES, all: ALL } : undefined;
  }
  snapshotSourceCoordinators(checkpointId: number): Record<string, Uint8Array> {
    this.log.push(`coordinators ${checkpointId}`);
    return { 'source-uid': encodeState({ enumeratorAt: checkpointId }) };
  }
  triggerSourceTask(task: TaskRef, checkpointId: number, _timestamp: number, kind: 'checkpoint' | 'savepoint'): void {
    this.log.push(`trigger ${checkpointId} ${name(task)}${kind === 'savepoint' ? ' savepoint' : ''}`);
  }
  notifyCheckpointComplete(checkpointId: number, _thenStop: boolean, final: boolean): void {
    this.log.push(`complete ${checkpointId}${final ? ' final' : ''}`);
  }
  notifyCheckpointAborted(checkpointId: number): void {
    this.log.push(`aborted ${checkpointId}`);
  }
  jobMetadata() {
    return {
      jobId: 'job-1',
      jobName: 'coordinator test',
      maxParallelism: 128,
      vertices: [
        { id: 0, uids: ['source-uid'], parallelism: 2 },
        { id: 1, uids: ['sink-uid'], parallelism: 1 },
      ],
    };
  }
  failJob(error: Error): void {
    this.log.push('failJob');
    this.failures.push(error);
  }
  /** The log lines of one kind, e.g. 'trigger'. */
  only(kind: string): string[] {
    return this.log.filter((l) => l.startsWith(`${kind} `) || l === kind);
  }
}

const bases: string[] = [];
afterEach(() => {
  for (const b of bases.splice(0)) rmSync(b, { recursive: true, force: true });
});

function harness(config: Partial<CheckpointConfig> = {}, options: { hooks?: string[]; jobDir?: string } = {}) {
  const base = mkdtempSync(path.join(tmpdir(), 'dhara-coordinator-'));
  bases.push(base);
  const clock = new ManualClock(0);
  const mailbox = new TrackingMailbox({ name: 'jobmanager', drive: 'manual', clock });
  const gateway = new FakeGateway();
  gateway.masterHooks = (options.hooks ?? []).map((id) => new ManualHook(id, gateway.log));
  const storage = new CheckpointStorage(options.jobDir ?? path.join(base, 'job-1'));
  const stats: CheckpointStats[] = [];
  const full: CheckpointConfig = { ...DEFAULT_CHECKPOINT_CONFIG, intervalMs: 100, tolerableFailures: 100, ...config };
  const coordinator = new CheckpointCoordinator(full, storage, mailbox, gateway, (s) => stats.push(s));

  /** Runs mail until none is left and every `whenDone` (except hooks the test still holds) has reported back. */
  const settle = async (): Promise<void> => {
    const deadline = Date.now() + 3_000;
    for (;;) {
      mailbox.runAll();
      const held = gateway.masterHooks.reduce((n, h) => n + h.unsettled, 0);
      if (mailbox.size === 0 && mailbox.outstanding <= held) {
        // One more turn, so that a hook settled just now gets to send its mail.
        await new Promise((r) => setImmediate(r));
        if (mailbox.size === 0) return;
        continue;
      }
      if (Date.now() > deadline) throw new Error('the coordinator did not settle');
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  /** Runs an action as mail (the coordinator's state is only touched by mail), then settles. */
  const run = async (action: () => void): Promise<void> => {
    mailbox.send(action, 'test action');
    await settle();
  };
  const advance = async (ms: number): Promise<void> => {
    clock.advance(ms);
    await settle();
  };
  /** Each task writes its state file into the checkpoint's directory and acknowledges it. */
  const ack = async (checkpointId: number, tasks: readonly TaskRef[] = ALL): Promise<StateFileHandle[]> => {
    const handles: StateFileHandle[] = [];
    for (const task of tasks) {
      const handle = await CheckpointStorage.writeStateFile(
        storage.checkpointDir(checkpointId),
        `${task.vertexId}-${task.subtaskIndex}.state`,
        encodeState({ task: name(task), checkpointId }),
      );
      handles.push(handle);
      mailbox.send(
        () =>
          coordinator.receiveAcknowledgeMessage(
            task,
            checkpointId,
            handle,
            [`uid-${task.vertexId}`],
            taskStats(task, handle),
          ),
        'ack',
      );
    }
    await settle();
    return handles;
  };
  const decline = (checkpointId: number, task: TaskRef = ALL[2]!, reason = 'no', subsumed = false) =>
    run(() => coordinator.receiveDeclineMessage(task, checkpointId, reason, subsumed));
  const statuses = () => stats.map((s) => `${s.id} ${s.status}`);
  return { base, clock, mailbox, gateway, storage, stats, coordinator, settle, run, advance, ack, decline, statuses };
}

function taskStats(task: TaskRef, handle: StateFileHandle): TaskCheckpointStats {
  return {
    vertexId: task.vertexId,
    subtaskIndex: task.subtaskIndex,
    syncDurationMs: 1,
    asyncDurationMs: 2,
    alignmentDurationMs: 3,
    startDelayMs: 4,
    stateBytes: handle.size,
    unaligned: false,
    inFlightBytes: 5,
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const TRIGGER_1 = ['trigger 1 0/0', 'trigger 1 0/1'];

describe('CheckpointCoordinator: triggering', () => {
  test('the periodic trigger fires every interval, to the source tasks only, after the coordinators snapshot', async () => {
    const h = harness({ intervalMs: 100, maxConcurrent: 10 });
    h.coordinator.start();
    await h.advance(99);
    expect(h.gateway.log).toEqual([]);
    await h.advance(1);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1]);
    await h.advance(100);
    await h.advance(100);
    expect(h.gateway.log).toEqual([
      'coordinators 1',
      ...TRIGGER_1,
      'coordinators 2',
      'trigger 2 0/0',
      'trigger 2 0/1',
      'coordinators 3',
      'trigger 3 0/0',
      'trigger 3 0/1',
    ]);
    expect(h.coordinator.pendingCount).toBe(3);
    h.coordinator.stop('job-ended');
    expect(h.gateway.only('aborted')).toEqual(['aborted 1', 'aborted 2', 'aborted 3']);
    await h.advance(1_000);
    expect(h.gateway.only('coordinators')).toHaveLength(3);
    expect(h.gateway.failures).toEqual([]);
  });

  test('no trigger before start, nor while the job cannot take one (plan undefined); ids are not used up', async () => {
    const h = harness({ intervalMs: 100 });
    await h.advance(500);
    expect(h.gateway.log).toEqual([]);
    h.coordinator.start();
    h.gateway.available = false;
    await h.advance(100);
    expect(h.gateway.log).toEqual([]);
    h.gateway.available = true;
    await h.advance(100);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1]);
  });

  test('order: coordinators, then every master hook resolved, then the trigger to the sources', async () => {
    const h = harness({ intervalMs: 100 }, { hooks: ['a', 'b'] });
    h.coordinator.start();
    await h.advance(100);
    expect(h.gateway.log).toEqual(['coordinators 1', 'hook a 1', 'hook b 1']);
    const [a, b] = h.gateway.masterHooks as [ManualHook, ManualHook];
    b.resolve(1, { offset: 42 });
    await h.settle();
    expect(h.gateway.only('trigger')).toEqual([]);
    a.resolve(1, undefined);
    await h.settle();
    expect(h.gateway.log).toEqual(['coordinators 1', 'hook a 1', 'hook b 1', ...TRIGGER_1]);
    await h.ack(1);
    const metadata = await CheckpointStorage.readMetadata(h.storage.checkpointDir(1));
    // Hook data is stored under the hook's identifier; a hook that returned undefined stores nothing.
    expect(Object.keys(metadata.hooks)).toEqual(['b']);
    expect(decodeState(metadata.hooks.b!)).toEqual({ offset: 42 });
    expect(decodeState(metadata.coordinators['source-uid']!)).toEqual({ enumeratorAt: 1 });
  });

  test('acknowledgements that arrive before the hooks finished complete the checkpoint afterwards', async () => {
    const h = harness({ intervalMs: 100 }, { hooks: ['a'] });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1);
    expect(h.gateway.only('complete')).toEqual([]);
    expect(h.coordinator.pendingCount).toBe(1);
    expect(existsSync(path.join(h.storage.checkpointDir(1), '_metadata'))).toBe(false);
    h.gateway.masterHooks[0]!.resolve(1, 'hook-data');
    await h.settle();
    expect(h.gateway.log).toEqual(['coordinators 1', 'hook a 1', ...TRIGGER_1, 'complete 1']);
    expect(h.coordinator.latestCompleted?.id).toBe(1);
  });

  test('while hooks are pending no other checkpoint is triggered, even with maxConcurrent 2', async () => {
    const h = harness({ intervalMs: 100, maxConcurrent: 2 }, { hooks: ['a'] });
    h.coordinator.start();
    await h.advance(100);
    await h.advance(100);
    await h.advance(100);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1']);
    h.gateway.masterHooks[0]!.resolve(1);
    await h.settle();
    await h.advance(100);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
  });

  test('a split enumerator whose snapshotState throws aborts the checkpoint before any trigger', async () => {
    const h = harness({ intervalMs: 0, tolerableFailures: 0 });
    h.gateway.snapshotSourceCoordinators = () => {
      throw new Error('enumerator broke');
    };
    h.coordinator.start();
    let result: boolean | undefined;
    await h.run(() => {
      result = h.coordinator.triggerManualCheckpoint();
    });
    expect(result).toBe(false);
    expect(h.gateway.log).toEqual(['aborted 1']);
    expect(h.stats.at(-1)?.failureReason).toBe("a split enumerator's snapshotState failed: enumerator broke");
    expect(h.gateway.failures).toEqual([]); // a trigger failure does not count against tolerableFailures
  });
});

describe('CheckpointCoordinator: completion', () => {
  test('writes a valid _metadata, notifies complete, reports COMPLETED stats', async () => {
    const h = harness({ intervalMs: 100 });
    h.coordinator.start();
    await h.advance(100);
    await h.advance(30);
    const handles = await h.ack(1);
    const dir = h.storage.checkpointDir(1);
    const metadata = await CheckpointStorage.readMetadata(dir);
    expect(metadata).toMatchObject({
      version: 1,
      jobId: 'job-1',
      jobName: 'coordinator test',
      checkpointId: 1,
      kind: 'checkpoint',
      maxParallelism: 128,
    });
    expect(metadata.tasks).toEqual(
      ALL.map((t, i) => ({
        vertexId: t.vertexId,
        subtaskIndex: t.subtaskIndex,
        operatorUids: [`uid-${t.vertexId}`],
        handle: handles[i],
      })),
    );
    expect(readdirSync(dir).sort()).toEqual(['0-0.state', '0-1.state', '1-0.state', '_metadata']);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'complete 1']);
    expect(h.coordinator.latestCompleted).toMatchObject({ id: 1, dir });
    expect(h.coordinator.pendingCount).toBe(0);
    const done = h.stats.at(-1)!;
    expect(done).toMatchObject({
      id: 1,
      kind: 'checkpoint',
      status: 'COMPLETED',
      endToEndDurationMs: 30,
      acknowledged: 3,
      total: 3,
      stateBytes: handles.reduce((n, x) => n + x.size, 0),
      inFlightBytes: 15,
      failureReason: undefined,
      location: dir,
    });
    expect(done.tasks.map((t) => `${t.vertexId}/${t.subtaskIndex}`)).toEqual(['0/0', '0/1', '1/0']);
  });

  test('stats: IN_PROGRESS at the trigger and at each acknowledgement, then COMPLETED', async () => {
    const h = harness({ intervalMs: 100 });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1);
    expect(h.statuses()).toEqual(['1 IN_PROGRESS', '1 IN_PROGRESS', '1 IN_PROGRESS', '1 IN_PROGRESS', '1 COMPLETED']);
    expect(h.stats.map((s) => s.acknowledged)).toEqual([0, 1, 2, 3, 3]);
    expect(h.stats.every((s) => s.total === 3)).toBe(true);
    expect(h.stats.slice(0, 4).every((s) => s.location === undefined && s.endToEndDurationMs === undefined)).toBe(true);
  });

  test('an acknowledgement from a task twice, or from a task not in the plan, does not complete anything', async () => {
    const h = harness({ intervalMs: 100 });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1, [ALL[0]!, ALL[0]!, { vertexId: 9, subtaskIndex: 0 }]);
    expect(h.coordinator.pendingCount).toBe(1);
    expect(h.gateway.only('complete')).toEqual([]);
    await h.ack(1, [ALL[1]!, ALL[2]!]);
    expect(h.gateway.only('complete')).toEqual(['complete 1']);
  });

  test('triggerSavepoint takes a savepoint outside the schedule, moves it to the target and tells onDone', async () => {
    const h = harness({ intervalMs: 0 });
    h.coordinator.start();
    const done: CheckpointStats[] = [];
    const target = mkdtempSync(path.join(tmpdir(), 'dhara-savepoint-target-'));
    await h.run(() => h.coordinator.triggerSavepoint(target, false, (s) => done.push(s)));
    expect(h.gateway.log).toEqual(['coordinators 1', 'trigger 1 0/0 savepoint', 'trigger 1 0/1 savepoint']);
    await h.ack(1);
    expect(done.map((s) => `${s.id} ${s.kind} ${s.status}`)).toEqual(['1 savepoint COMPLETED']);
    expect(done[0]!.location!.startsWith(target)).toBe(true);
    expect((await CheckpointStorage.readMetadata(done[0]!.location!)).kind).toBe('savepoint');
    // A savepoint is not a retained checkpoint: nothing is left under the job's checkpoint folder.
    expect(existsSync(h.storage.checkpointDir(1))).toBe(false);
    rmSync(target, { recursive: true, force: true });
  });

  test('retained: after more completions than `retained`, older chk-N directories are gone from disk', async () => {
    const h = harness({ intervalMs: 0, retained: 2 });
    h.coordinator.start();
    for (let id = 1; id <= 5; id++) {
      await h.run(() => h.coordinator.triggerManualCheckpoint());
      await h.ack(id);
    }
    expect(h.gateway.only('complete')).toEqual(['complete 1', 'complete 2', 'complete 3', 'complete 4', 'complete 5']);
    await waitFor(() => readdirSync(h.storage.jobDir).length === 2, 'old checkpoints to be removed');
    expect(readdirSync(h.storage.jobDir).sort()).toEqual(['chk-4', 'chk-5']);
    expect((await h.storage.completedCheckpointDirs()).map((c) => c.id)).toEqual([5, 4]);
    await CheckpointStorage.readMetadata(h.storage.checkpointDir(4));
  });

  test('a duplicate acknowledgement after completion leaves the completed checkpoint intact', async () => {
    const h = harness({ intervalMs: 0 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    const handles = await h.ack(1);
    expect(h.gateway.only('complete')).toEqual(['complete 1']);
    await h.run(() =>
      h.coordinator.receiveAcknowledgeMessage(ALL[0]!, 1, handles[0]!, ['uid-0'], taskStats(ALL[0]!, handles[0]!)),
    );
    await new Promise((r) => setTimeout(r, 50));
    await CheckpointStorage.readMetadata(h.storage.checkpointDir(1));
  });
  test('a duplicate acknowledgement while _metadata is written leaves the checkpoint intact', async () => {
    const h = harness({ intervalMs: 0 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    const handles = await h.ack(1, ALL.slice(0, 2));
    const last = await CheckpointStorage.writeStateFile(h.storage.checkpointDir(1), '1-0.state', encodeState('x'));
    h.mailbox.send(() => {
      h.coordinator.receiveAcknowledgeMessage(ALL[2]!, 1, last, ['uid-1'], taskStats(ALL[2]!, last)); // now finalizing
      h.coordinator.receiveAcknowledgeMessage(ALL[0]!, 1, handles[0]!, ['uid-0'], taskStats(ALL[0]!, handles[0]!));
    }, 'last ack, then a duplicate');
    await h.settle();
    await new Promise((r) => setTimeout(r, 50));
    expect(h.gateway.only('complete')).toEqual(['complete 1']);
    await CheckpointStorage.readMetadata(h.storage.checkpointDir(1));
  });
});

describe('CheckpointCoordinator: aborts', () => {
  test('the timeout aborts and notifies aborted; a late acknowledgement is then ignored', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 500 });
    h.coordinator.start();
    await h.advance(1_000);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(1, [ALL[0]!]);
    await h.advance(499);
    expect(h.gateway.only('aborted')).toEqual([]);
    await h.advance(1);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1']);
    expect(h.coordinator.pendingCount).toBe(0);
    expect(h.stats.at(-1)).toMatchObject({
      id: 1,
      status: 'FAILED',
      acknowledged: 1,
      failureReason: 'it did not complete within the timeout of 500 ms',
      location: undefined,
    });
    await waitFor(() => !existsSync(h.storage.checkpointDir(1)), 'the aborted checkpoint to be removed');
    // The late acknowledgements: no completion, no throw, no _metadata, and their files are removed.
    const late = await h.ack(1, [ALL[1]!, ALL[2]!]);
    expect(late).toHaveLength(2);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1']);
    expect(h.coordinator.latestCompleted).toBeUndefined();
    await waitFor(
      () => !existsSync(path.join(h.storage.checkpointDir(1), '0-1.state')),
      'the late state file to be removed',
    );
    expect(existsSync(path.join(h.storage.checkpointDir(1), '_metadata'))).toBe(false);
    expect(h.statuses()).toEqual(['1 IN_PROGRESS', '1 IN_PROGRESS', '1 FAILED']);
  });

  // Abort removes chk-N, but a task still in its async phase may write its state file afterwards (recreating the
  // directory): the late acknowledgement must remove the whole directory again, not leave an empty one behind.
  test('a late acknowledgement of an aborted checkpoint leaves no chk-N directory behind', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 500 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.advance(500);
    expect(h.gateway.only('aborted')).toEqual(['aborted 1']);
    await h.coordinator.removalsSettled();
    expect(existsSync(h.storage.checkpointDir(1))).toBe(false);
    await h.ack(1, [ALL[2]!]);
    await waitFor(
      () => !existsSync(path.join(h.storage.checkpointDir(1), '1-0.state')),
      'the late state file to be removed',
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(h.storage.jobDir)).toEqual([]);
  });

  test('stop aborts what is pending, lets a checkpoint writing its _metadata complete, then calls onStopped', async () => {
    const h = harness({ intervalMs: 0, maxConcurrent: 5 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(1, ALL.slice(0, 2));
    const last = await CheckpointStorage.writeStateFile(h.storage.checkpointDir(1), '1-0.state', encodeState('x'));
    let stopped = 0;
    h.mailbox.send(() => {
      h.coordinator.receiveAcknowledgeMessage(ALL[2]!, 1, last, ['uid-1'], taskStats(ALL[2]!, last)); // now finalizing
      h.coordinator.stop('job-ended', () => stopped++);
    }, 'last ack, then stop');
    h.mailbox.runAll();
    expect(h.gateway.only('aborted')).toEqual(['aborted 2']);
    expect(stopped).toBe(0);
    await h.settle();
    expect(h.gateway.only('complete')).toEqual(['complete 1']);
    expect(stopped).toBe(1);
    await CheckpointStorage.readMetadata(h.storage.checkpointDir(1));
    expect(h.gateway.failures).toEqual([]);
  });

  test('completion cancels the timeout', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 500 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(1);
    await h.advance(10_000);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'complete 1']);
  });

  test('a decline aborts, with the reason', async () => {
    const h = harness({ intervalMs: 100 });
    h.coordinator.start();
    await h.advance(100);
    await h.decline(1, ALL[2]!, 'out of disk');
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1']);
    expect(h.statuses()).toEqual(['1 IN_PROGRESS', '1 FAILED']);
    expect(h.stats.at(-1)?.failureReason).toBe('a task declined it: out of disk');
    await h.decline(1); // once more: nothing
    expect(h.gateway.only('aborted')).toEqual(['aborted 1']);
  });

  test('a task that ends before acknowledging aborts its checkpoints in flight, not counted as a failure', async () => {
    const h = harness({ intervalMs: 100, tolerableFailures: 0 });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1, [ALL[0]!]);
    await h.run(() => h.coordinator.taskEnded(ALL[0]!)); // already acknowledged: no effect
    expect(h.coordinator.pendingCount).toBe(1);
    await h.run(() => h.coordinator.taskEnded(ALL[2]!));
    expect(h.gateway.only('aborted')).toEqual(['aborted 1']);
    expect(h.stats.at(-1)?.failureReason).toBe('task 1/0 ended before acknowledging');
    expect(h.gateway.failures).toEqual([]);
  });

  test('a master hook that rejects aborts the checkpoint; nothing is triggered; not counted', async () => {
    const h = harness({ intervalMs: 100, tolerableFailures: 0 }, { hooks: ['a', 'b'] });
    h.coordinator.start();
    await h.advance(100);
    const [a, b] = h.gateway.masterHooks as [ManualHook, ManualHook];
    a.reject(1, new Error('external system down'));
    await h.settle();
    expect(h.gateway.log).toEqual(['coordinators 1', 'hook a 1', 'hook b 1', 'aborted 1']);
    expect(h.stats.at(-1)).toMatchObject({
      id: 1,
      status: 'FAILED',
      failureReason: "master hook 'a' failed: external system down",
    });
    b.resolve(1, 'late');
    await h.settle();
    expect(h.gateway.only('trigger')).toEqual([]);
    expect(h.gateway.failures).toEqual([]);
    // The next checkpoint proceeds normally.
    await h.advance(100);
    a.resolve(2);
    b.resolve(2);
    await h.settle();
    await h.ack(2);
    expect(h.gateway.only('complete')).toEqual(['complete 2']);
  });

  test('an I/O error writing _metadata aborts the checkpoint and counts as a failure', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'dhara-coordinator-io-'));
    bases.push(base);
    const blocker = path.join(base, 'not-a-directory');
    writeFileSync(blocker, 'x');
    const h = harness({ intervalMs: 0, tolerableFailures: 0 }, { jobDir: path.join(blocker, 'job-1') });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    const handle: StateFileHandle = { file: 'x.state', size: 1, crc32: 0 };
    for (const task of ALL) {
      h.mailbox.send(
        () => h.coordinator.receiveAcknowledgeMessage(task, 1, handle, [], taskStats(task, handle)),
        'ack',
      );
    }
    await h.settle();
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1', 'failJob']);
    expect(h.stats.at(-1)?.failureReason).toMatch(/^writing its _metadata failed: /);
    expect(h.coordinator.latestCompleted).toBeUndefined();
  });
});

describe('CheckpointCoordinator: admission', () => {
  test('minPause: no trigger until lastCompletion + minPause', async () => {
    const h = harness({ intervalMs: 100, minPauseMs: 200 });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1); // completes at t = 100
    expect(h.gateway.only('complete')).toEqual(['complete 1']);
    await h.advance(100); // t = 200 < 300
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1']);
    await h.advance(100); // t = 300 = 100 + 200
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
  });

  test('minPause does not hold back a forced trigger (savepoint)', async () => {
    const h = harness({ intervalMs: 0, minPauseMs: 10_000 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(1);
    await h.run(() => h.coordinator.triggerSavepoint(mkdtempSync(path.join(tmpdir(), 'dhara-sp-')), false, () => {}));
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
  });

  test('minPause: the next checkpoint starts as soon as the pause has passed (as Flink)', async () => {
    const h = harness({ intervalMs: 100, minPauseMs: 150 });
    h.coordinator.start();
    await h.advance(100);
    await h.ack(1); // completes at t = 100: the next may start at 250
    for (let i = 0; i < 15; i++) await h.advance(10);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
  });

  test('maxConcurrent 1: no second trigger while one is pending', async () => {
    const h = harness({ intervalMs: 100, maxConcurrent: 1 });
    h.coordinator.start();
    await h.advance(100);
    await h.advance(100);
    await h.advance(100);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1']);
    await h.ack(1);
    await h.advance(100);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
  });

  test('maxConcurrent 2: two pending; when the newer completes the older is subsumed (aborted, not counted)', async () => {
    const h = harness({ intervalMs: 100, maxConcurrent: 2, tolerableFailures: 0 });
    h.coordinator.start();
    await h.advance(100);
    await h.advance(100);
    await h.advance(100);
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 1', 'coordinators 2']);
    expect(h.coordinator.pendingCount).toBe(2);
    await h.ack(1, [ALL[2]!]);
    await h.ack(2);
    expect(h.gateway.log.slice(-2)).toEqual(['aborted 1', 'complete 2']);
    expect(h.coordinator.pendingCount).toBe(0);
    expect(
      h.stats.filter((s) => s.status !== 'IN_PROGRESS').map((s) => `${s.id} ${s.status} ${s.failureReason}`),
    ).toEqual(['2 COMPLETED undefined', '1 FAILED checkpoint 2 completed first']);
    expect(h.gateway.failures).toEqual([]);
    // A late acknowledgement of the subsumed one is ignored.
    await waitFor(() => !existsSync(h.storage.checkpointDir(1)), 'the subsumed checkpoint to be removed');
    await h.ack(1, [ALL[0]!, ALL[1]!]);
    expect(h.gateway.only('complete')).toEqual(['complete 2']);
    expect(h.coordinator.latestCompleted?.id).toBe(2);
  });

  test('checkpoint ids continue after startAfterId', async () => {
    const h = harness({ intervalMs: 0 });
    const c = new CheckpointCoordinator(
      { ...DEFAULT_CHECKPOINT_CONFIG, intervalMs: 0 },
      h.storage,
      h.mailbox,
      h.gateway,
      () => {},
      41,
    );
    c.start();
    await h.run(() => c.triggerManualCheckpoint());
    expect(h.gateway.only('coordinators')).toEqual(['coordinators 42']);
  });
});

describe('CheckpointCoordinator: tolerable failures', () => {
  test('0: the first declined checkpoint fails the job', async () => {
    const h = harness({ intervalMs: 100, tolerableFailures: 0 });
    h.coordinator.start();
    await h.advance(100);
    await h.decline(1, ALL[0]!, 'nope');
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1', 'failJob']);
    const error = h.gateway.failures[0]!;
    expect(error).toBeInstanceOf(CheckpointFailuresExceededError);
    expect((error as CheckpointFailuresExceededError).code).toBe('TOO_MANY_CHECKPOINT_FAILURES');
    expect(error.message).toBe(
      'more than 0 checkpoint failures in a row (tolerableFailures = 0); the last: checkpoint 1: a task declined it: nope',
    );
  });

  test('0: a checkpoint declined because a newer barrier overtook it is aborted, and the job goes on', async () => {
    const h = harness({ intervalMs: 100, tolerableFailures: 0 });
    h.coordinator.start();
    await h.advance(100);
    await h.decline(1, ALL[0]!, 'barrier 2 arrived before alignment of 1 finished', true);
    expect(h.gateway.log).toEqual(['coordinators 1', ...TRIGGER_1, 'aborted 1']);
    expect(h.gateway.failures).toEqual([]);
    expect(h.statuses()).toEqual(['1 IN_PROGRESS', '1 FAILED']);
  });

  test('0: the first expired checkpoint fails the job', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 50, tolerableFailures: 0 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.advance(50);
    expect(h.gateway.log.slice(-2)).toEqual(['aborted 1', 'failJob']);
    expect(h.gateway.failures[0]!.message).toContain('checkpoint 1: it did not complete within the timeout of 50 ms');
  });

  test('2: the third consecutive failure (decline, expiry, decline) fails the job', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 50, tolerableFailures: 2 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(1);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.advance(50);
    expect(h.gateway.failures).toHaveLength(0);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(3);
    expect(h.gateway.failures).toHaveLength(1);
    expect(h.gateway.failures[0]!.message).toMatch(/^more than 2 checkpoint failures in a row .* checkpoint 3: /);
  });

  test('a success in between resets the count', async () => {
    const h = harness({ intervalMs: 0, tolerableFailures: 1 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(1);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(2);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(3);
    expect(h.gateway.failures).toHaveLength(0);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(4);
    expect(h.gateway.failures).toHaveLength(1);
    expect(h.gateway.failures[0]!.message).toContain('checkpoint 4:');
  });

  test('each checkpoint id counts once (several declines of one checkpoint, then its timeout)', async () => {
    const h = harness({ intervalMs: 0, timeoutMs: 50, tolerableFailures: 1 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(1, ALL[0]!);
    await h.decline(1, ALL[1]!);
    await h.decline(1, ALL[2]!);
    await h.advance(100);
    expect(h.gateway.failures).toHaveLength(0);
    expect(h.gateway.only('aborted')).toEqual(['aborted 1']);
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.decline(2);
    expect(h.gateway.failures).toHaveLength(1);
  });

  test('after failing the job the count starts over', async () => {
    const h = harness({ intervalMs: 0, tolerableFailures: 0 });
    h.coordinator.start();
    for (let id = 1; id <= 3; id++) {
      await h.run(() => h.coordinator.triggerManualCheckpoint());
      await h.decline(id);
    }
    expect(h.gateway.failures.map((e) => e.message.match(/checkpoint (\d+):/)![1])).toEqual(['1', '2', '3']);
  });
});

describe('CheckpointCoordinator: the final checkpoint (every task ended its input)', () => {
  test('triggers at once outside the schedule, again after a failure, and marks only later checkpoints final', async () => {
    const h = harness({ intervalMs: 10_000 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerManualCheckpoint());
    await h.ack(1);
    expect(h.gateway.only('complete')).toEqual(['complete 1']);

    await h.run(() => h.coordinator.triggerFinalCheckpoint());
    expect(h.gateway.only('trigger')).toEqual([...TRIGGER_1, 'trigger 2 0/0', 'trigger 2 0/1']);
    // Asked again while one is on its way: nothing more.
    await h.run(() => h.coordinator.triggerFinalCheckpoint());
    expect(h.coordinator.pendingCount).toBe(1);

    await h.decline(2);
    expect(h.gateway.only('aborted')).toEqual(['aborted 2']);
    await h.advance(20);
    expect(h.gateway.only('trigger').slice(-2)).toEqual(['trigger 3 0/0', 'trigger 3 0/1']);
    await h.ack(3);
    expect(h.gateway.only('complete')).toEqual(['complete 1', 'complete 3 final']);
    // Done: no more retries.
    await h.advance(1_000);
    expect(h.gateway.only('trigger')).toHaveLength(6);
    h.coordinator.stop('job-ended');
  });

  test('after the final checkpoint completed, neither the schedule nor a manual request triggers another', async () => {
    const h = harness({ intervalMs: 100 });
    h.coordinator.start();
    await h.run(() => h.coordinator.triggerFinalCheckpoint());
    expect(h.gateway.only('trigger')).toEqual(TRIGGER_1);
    await h.ack(1);
    expect(h.gateway.only('complete')).toEqual(['complete 1 final']);
    // The tasks finish now: a checkpoint started meanwhile would only be aborted when they end.
    await h.advance(100);
    await h.advance(100);
    await h.advance(100);
    let accepted: boolean | undefined;
    await h.run(() => {
      accepted = h.coordinator.triggerManualCheckpoint();
    });
    expect(accepted).toBe(false);
    expect(h.gateway.only('trigger')).toEqual(TRIGGER_1);
    expect(h.statuses().filter((s) => s.endsWith('FAILED'))).toEqual([]);
    h.coordinator.stop('job-ended');
  });

  test('a refused trigger (a task not running) is retried until the job can take it', async () => {
    const h = harness({ intervalMs: 10_000 });
    h.coordinator.start();
    h.gateway.available = false;
    await h.run(() => h.coordinator.triggerFinalCheckpoint());
    await h.advance(20);
    await h.advance(20);
    expect(h.gateway.only('trigger')).toEqual([]);
    h.gateway.available = true;
    await h.advance(20);
    expect(h.gateway.only('trigger')).toEqual(TRIGGER_1);
    await h.ack(1);
    expect(h.gateway.only('complete')).toEqual(['complete 1 final']);
    h.coordinator.stop('job-ended');
  });
});
