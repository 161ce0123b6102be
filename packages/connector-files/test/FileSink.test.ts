import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommitRequest, CommittingSinkInitContext } from '@dhara/core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { eventDateBuckets, type FileCommittable, FileSink } from '../src/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dhara-filesink-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const context = (attemptNumber = 0, restored = false): CommittingSinkInitContext<never> => ({
  jobName: 'j',
  operatorUid: 'files',
  subtaskIndex: 0,
  parallelism: 1,
  attemptNumber,
  restored,
  restoredWriterState: [],
});
const write = { timestamp: undefined, currentWatermark: Number.NEGATIVE_INFINITY };

function requests(committables: FileCommittable[]) {
  return committables.map((committable) => {
    const r = {
      committable,
      checkpointId: 1,
      numberOfRetries: 0,
      recovered: false,
      outcome: 'committed',
      signalFailedWithKnownReason: () => (r.outcome = 'dropped'),
      signalFailedWithUnknownReason: () => (r.outcome = 'failed'),
      retryLater: () => (r.outcome = 'retry'),
      updateAndRetryLater: () => (r.outcome = 'retry'),
      signalAlreadyCommitted: () => (r.outcome = 'already'),
    };
    return r as CommitRequest<FileCommittable> & { outcome: string };
  });
}

test('in-progress and pending files are hidden; commit renames; a second commit is already committed', async () => {
  const sink = FileSink.jsonLines<{ n: number }>(dir);
  const writer = await sink.createWriter(context());
  writer.write({ n: 1 }, write);
  writer.write({ n: 2 }, write);
  writer.flush(false);
  expect(readdirSync(dir).every((f) => f.startsWith('.') && f.endsWith('.inprogress'))).toBe(true);
  const committables = writer.prepareCommit();
  expect(committables).toHaveLength(1);
  expect(readdirSync(dir).every((f) => f.startsWith('.') && f.endsWith('.pending'))).toBe(true);
  const committer = sink.createCommitter();
  committer.commit(requests(committables));
  const [name] = readdirSync(dir);
  expect(name).toMatch(/^part-0-[0-9a-f]{8}-0\.jsonl$/);
  expect(readFileSync(path.join(dir, name!), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  const again = requests(committables);
  committer.commit(again);
  expect(again[0]!.outcome).toBe('already');
  const lost = requests([{ bucket: '', name: 'part-0-00000000-9.jsonl' }]);
  committer.commit(lost);
  expect(lost[0]!.outcome).toBe('failed');
});

test('rolls by size and on every prepareCommit, per bucket; a restored writer cleans its leftovers', async () => {
  const sink = FileSink.forRowFormat<{ day: number; text: string }>(dir, (e) => e.text, {
    bucketAssigner: eventDateBuckets((e) => e.day * 86_400_000),
    rollingPolicy: { maxPartSizeBytes: 10 },
  });
  const writer = await sink.createWriter(context());
  for (const text of ['aaaa', 'bbbb', 'cccc']) writer.write({ day: 0, text }, write);
  writer.write({ day: 1, text: 'x' }, write);
  const committables = writer.prepareCommit();
  // Day 0: 'aaaa\n' + 'bbbb\n' reach 10 bytes and roll; 'cccc' rolls on prepareCommit. Day 1: one file.
  expect(committables.map((c) => c.bucket).sort()).toEqual(['1970-01-01', '1970-01-01', '1970-01-02']);
  writer.write({ day: 0, text: 'lost' }, write); // in progress when the "crash" comes
  sink.createCommitter().commit(requests(committables.slice(0, 1)));
  // A restarted attempt: the in-progress file is a leftover and goes. The uncommitted pending files stay (hidden): after
  // a rescale another subtask may still commit them.
  await sink.createWriter(context(1, true));
  const left = readdirSync(dir, { recursive: true }).map(String);
  const hidden = left.filter((f) => path.basename(f).startsWith('.'));
  expect(hidden.filter((f) => f.endsWith('.inprogress'))).toEqual([]);
  expect(hidden.filter((f) => f.endsWith('.pending'))).toHaveLength(2);
  expect(existsSync(path.join(dir, committables[0]!.bucket, committables[0]!.name))).toBe(true);
});
