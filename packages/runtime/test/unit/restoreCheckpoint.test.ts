import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type CheckpointMetadata,
  CheckpointStorage,
  encodeState,
  type TaskStateEntry,
} from '../../src/checkpoint/index.ts';
import { CheckpointFallbackRefusedError, findRestorableCheckpoint } from '../../src/jobmanager/restoreCheckpoint.ts';

let base: string;
let storage: CheckpointStorage;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'dhara-restore-'));
  storage = new CheckpointStorage(path.join(base, 'job-1'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

/** Writes a complete checkpoint: one state file per subtask, then `_metadata`. */
async function writeCheckpoint(id: number, subtasks = 2): Promise<string> {
  const dir = storage.checkpointDir(id);
  const tasks: TaskStateEntry[] = [];
  for (let s = 0; s < subtasks; s++) {
    const handle = await CheckpointStorage.writeStateFile(dir, `task-0-${s}.state`, encodeState({ id, s, n: id * 10 }));
    tasks.push({ vertexId: 0, subtaskIndex: s, operatorUids: ['map'], handle });
  }
  const metadata: CheckpointMetadata = {
    version: 1,
    jobId: 'job-1',
    jobName: 'restore test',
    checkpointId: id,
    timestamp: 1_000 + id,
    kind: 'checkpoint',
    maxParallelism: 128,
    vertices: [{ id: 0, uids: ['map'], parallelism: subtasks }],
    tasks,
    coordinators: {},
    hooks: {},
  };
  await CheckpointStorage.writeMetadata(dir, metadata);
  return dir;
}

function collectRefusals() {
  const refused: { dir: string; reason: string }[] = [];
  return { refused, onRefused: (dir: string, reason: string) => refused.push({ dir, reason }) };
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  const index = at < 0 ? bytes.length + at : at;
  bytes[index] = bytes[index]! ^ 0xff;
  writeFileSync(file, bytes);
}

describe('findRestorableCheckpoint', () => {
  test('picks the newest completed checkpoint, by numeric id (chk-10 after chk-9)', async () => {
    for (const id of [1, 9, 10]) await writeCheckpoint(id);
    const { refused, onRefused } = collectRefusals();
    const found = await findRestorableCheckpoint(storage, onRefused);
    expect(found?.dir).toBe(storage.checkpointDir(10));
    expect(found?.metadata.checkpointId).toBe(10);
    expect(found?.metadata.tasks.map((t) => t.subtaskIndex)).toEqual([0, 1]);
    expect(refused).toEqual([]);
  });

  test('a checkpoint directory without _metadata never completed: skipped silently', async () => {
    await writeCheckpoint(1);
    await CheckpointStorage.writeStateFile(storage.checkpointDir(2), 'task-0-0.state', encodeState('partial'));
    mkdirSync(path.join(storage.jobDir, 'not-a-checkpoint'));
    const { refused, onRefused } = collectRefusals();
    const found = await findRestorableCheckpoint(storage, onRefused);
    expect(found?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([]);
  });

  test('a corrupt _metadata (one flipped byte) is refused with the reason, and the previous one is used', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    flipByte(path.join(dir2, '_metadata'), -3);
    const { refused, onRefused } = collectRefusals();
    const found = await findRestorableCheckpoint(storage, onRefused);
    expect(found?.dir).toBe(storage.checkpointDir(1));
    expect(found?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([
      { dir: dir2, reason: `checkpoint ${dir2} cannot be restored: _metadata fails its checksum` },
    ]);
  });

  describe('after a completion was notified (a failover: sinks have committed up to it)', () => {
    test('the notified checkpoint is restored when it is usable', async () => {
      await writeCheckpoint(1);
      await writeCheckpoint(2);
      const found = await findRestorableCheckpoint(storage, collectRefusals().onRefused, 2);
      expect(found?.metadata.checkpointId).toBe(2);
    });

    test('a damaged notified checkpoint is not stepped back from: the error names it and the older one', async () => {
      const dir1 = await writeCheckpoint(1);
      const dir2 = await writeCheckpoint(2);
      flipByte(path.join(dir2, '_metadata'), -3);
      const { refused, onRefused } = collectRefusals();
      const found = findRestorableCheckpoint(storage, onRefused, 2);
      await expect(found).rejects.toBeInstanceOf(CheckpointFallbackRefusedError);
      await expect(found).rejects.toMatchObject({ code: 'CHECKPOINT_FALLBACK_REFUSED', notifiedId: 2, olderDir: dir1 });
      await expect(found).rejects.toThrow(
        `checkpoint 2 completed and its sinks committed, but it cannot be restored (checkpoint ${dir2} cannot be ` +
          `restored: _metadata fails its checksum); restoring the older ${dir1} would commit its output again. To ` +
          `accept that, submit the job again with fromSavepoint (dhara run --from-savepoint) naming ${dir1}`,
      );
      expect(refused.map((r) => r.dir)).toEqual([dir2]);
    });

    test('a notified checkpoint whose folder is gone is not stepped back from either', async () => {
      await writeCheckpoint(1);
      const dir2 = await writeCheckpoint(2);
      rmSync(dir2, { recursive: true });
      await expect(findRestorableCheckpoint(storage, collectRefusals().onRefused, 2)).rejects.toThrow(
        /checkpoint 2 completed and its sinks committed, but it cannot be restored \(its folder is gone\)/,
      );
    });

    test('no checkpoint left at all is refused too, rather than a silent start from the beginning', async () => {
      await expect(findRestorableCheckpoint(storage, collectRefusals().onRefused, 3)).rejects.toThrow(
        /checkpoint 3 completed .* no older checkpoint is usable either/,
      );
    });
  });

  test('a _metadata with a damaged header is refused', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    flipByte(path.join(dir2, '_metadata'), 0);
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([
      { dir: dir2, reason: `checkpoint ${dir2} cannot be restored: _metadata is not a Dhara checkpoint metadata file` },
    ]);
  });

  test('a truncated _metadata is refused, naming the lengths', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    const file = path.join(dir2, '_metadata');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    const payload = bytes.length - 12;
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([
      {
        dir: dir2,
        reason: `checkpoint ${dir2} cannot be restored: _metadata is truncated (${payload - 5} of ${payload} bytes)`,
      },
    ]);
  });

  test('an empty _metadata (crash between create and write) is refused', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    writeFileSync(path.join(dir2, '_metadata'), new Uint8Array(0));
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused.map((r) => r.dir)).toEqual([dir2]);
    expect(refused[0]!.reason).toContain('_metadata is not a Dhara checkpoint metadata file');
  });

  test('a missing state file is refused, naming the file', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    const missing = path.join(dir2, 'task-0-1.state');
    unlinkSync(missing);
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.dir).toBe(dir2);
    expect(refused[0]!.reason).toMatch(
      /^checkpoint .*chk-2 cannot be restored: state file .*chk-2\/task-0-1\.state is missing \(/,
    );
    expect(refused[0]!.reason).toContain(missing);
  });

  test('a state file with a wrong checksum (same size) is refused, naming the file', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    const bad = path.join(dir2, 'task-0-0.state');
    flipByte(bad, -1);
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([
      { dir: dir2, reason: `checkpoint ${dir2} cannot be restored: state file ${bad} fails its checksum` },
    ]);
  });

  test('a state file of the wrong size is refused, naming the file and both sizes', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    const bad = path.join(dir2, 'task-0-1.state');
    const size = readFileSync(bad).length;
    appendFileSync(bad, Uint8Array.of(1, 2));
    const { refused, onRefused } = collectRefusals();
    expect((await findRestorableCheckpoint(storage, onRefused))?.metadata.checkpointId).toBe(1);
    expect(refused).toEqual([
      {
        dir: dir2,
        reason: `checkpoint ${dir2} cannot be restored: state file ${bad} has ${size + 2} bytes, expected ${size}`,
      },
    ]);
  });

  test('walks back over several bad checkpoints, newest first, to the last good one', async () => {
    await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    const dir3 = await writeCheckpoint(3);
    flipByte(path.join(dir3, '_metadata'), -1);
    unlinkSync(path.join(dir2, 'task-0-0.state'));
    const { refused, onRefused } = collectRefusals();
    const found = await findRestorableCheckpoint(storage, onRefused);
    expect(found?.metadata.checkpointId).toBe(1);
    expect(refused.map((r) => r.dir)).toEqual([dir3, dir2]);
  });

  test('no checkpoint at all: undefined (the job starts from the beginning)', async () => {
    const { refused, onRefused } = collectRefusals();
    expect(await findRestorableCheckpoint(storage, onRefused)).toBeUndefined(); // the job dir does not exist
    mkdirSync(storage.jobDir, { recursive: true });
    expect(await findRestorableCheckpoint(storage, onRefused)).toBeUndefined(); // exists, empty
    expect(refused).toEqual([]);
  });

  test('some checkpoints but none valid: rejects with a message carrying every reason', async () => {
    const dir1 = await writeCheckpoint(1);
    const dir2 = await writeCheckpoint(2);
    flipByte(path.join(dir1, '_metadata'), -1);
    flipByte(path.join(dir2, 'task-0-1.state'), 0);
    const { refused, onRefused } = collectRefusals();
    const result = findRestorableCheckpoint(storage, onRefused);
    await expect(result).rejects.toThrow(/^no usable checkpoint among 2: /);
    await expect(result).rejects.toThrow(`checkpoint ${dir1} cannot be restored: _metadata fails its checksum`);
    await expect(result).rejects.toThrow(`state file ${path.join(dir2, 'task-0-1.state')} fails its checksum`);
    expect(refused.map((r) => r.dir)).toEqual([dir2, dir1]);
  });
});

describe('inline state (below inlineStateThresholdBytes)', () => {
  test('travels in _metadata: no file is written, and it reads back checked by size and checksum', async () => {
    const dir = storage.checkpointDir(1);
    const state = encodeState({ small: true });
    const handle = CheckpointStorage.inlineState(state);
    await CheckpointStorage.writeMetadata(dir, {
      version: 1,
      jobId: 'job-1',
      jobName: 'inline test',
      checkpointId: 1,
      timestamp: 1,
      kind: 'checkpoint',
      maxParallelism: 128,
      vertices: [{ id: 0, uids: ['map'], parallelism: 1 }],
      tasks: [{ vertexId: 0, subtaskIndex: 0, operatorUids: ['map'], handle }],
      coordinators: {},
      hooks: {},
    });
    const metadata = await CheckpointStorage.readMetadata(dir);
    expect(await CheckpointStorage.readStateFile(dir, metadata.tasks[0]!.handle)).toEqual(state);
    const tampered = { ...handle, inline: Uint8Array.from(state, (b, i) => (i === 0 ? b ^ 1 : b)) };
    await expect(CheckpointStorage.readStateFile(dir, tampered)).rejects.toThrow(/inline in _metadata.*checksum/);
  });
});
