import { JobModuleError } from '@dhara/core';
import { JobFailedError, NoResourceError, WorkerDiedError } from '@dhara/runtime';
import { expect, test } from 'vitest';
import { jobPath, messageChain, useMiniCluster, withEnv } from '../support/index.ts';
import { countWords } from './jobs/text.ts';
import type { WordCount } from './jobs/wordcount.ts';

const job = (name: string) => jobPath('runtime', name);
const mini = useMiniCluster({ name: 'failures', workers: 2, slotsPerWorker: 2, metricsIntervalMs: 100 });

/** The cluster still runs a real job correctly. */
function expectHealthy(): Promise<void> {
  return withEnv({ TEST_LINES: '2000' }, async () => {
    const result = await (await mini.cluster.submit(job('wordcount'), { parallelism: 2 })).result();
    const counts = new Map<string, number>();
    for (const { word, count } of result.collected.counts as WordCount[]) {
      counts.set(word, Math.max(counts.get(word) ?? 0, count));
    }
    expect(counts).toEqual(countWords(2000));
  });
}

test('a throwing map fails the job with an error naming the operator, its uid, the subtask and the cause', async () => {
  const client = await mini.cluster.submit(job('throwing-map'), { parallelism: 2 });
  const error = await client.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobFailedError);
  const message = (error as Error).message;
  expect(message).toContain("job 'test-throwing-map' failed");
  expect(message).toContain("operator 'exploding map' (uid 'exploding-map')");
  expect(message).toMatch(/subtask [12]\/2/);
  expect(message).toContain('RangeError: boom at record 5000');
  expect(((error as Error).cause as Error).name).toBe('RangeError');
  expect(client.status).toBe('FAILED');
  await expectHealthy();
});

test('a worker thread killed from the test fails the job with a clear error, and the cluster runs the next job', async () => {
  const client = await mini.cluster.submit(job('endless'), { parallelism: 2 });
  // Wait until records flow, then kill a worker.
  await new Promise<void>((resolve) => {
    const sub = client.metrics$.subscribe((m) => {
      if ((m.vertices.at(-1)?.recordsIn ?? 0) > 10_000) {
        sub.unsubscribe();
        resolve();
      }
    });
  });
  await mini.cluster.terminateWorker(0);
  const error = (await client.result().then(
    () => undefined,
    (e: unknown) => e,
  )) as JobFailedError;
  expect(error).toBeInstanceOf(JobFailedError);
  expect(error.message).toMatch(
    /job 'test-endless' failed in task '.+', subtask [12]\/2: WorkerDiedError: the worker thread \d+ hosting the task died/,
  );
  expect(error.cause).toBeInstanceOf(WorkerDiedError);
  expect(client.status).toBe('FAILED');
  await expectHealthy();
});

test('a build that is not deterministic is refused with a message saying so', async () => {
  const client = await mini.cluster.submit(job('random-build'), { parallelism: 1 });
  const error = (await client.result().then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(error).toBeInstanceOf(JobFailedError);
  expect(error.message).toContain('the graph built in a worker differs from the job manager');
  expect(error.message).toContain('Math.random()');
  expect((error.cause as { code?: string }).code).toBe('NONDETERMINISTIC_BUILD');
});

test('bad job modules are refused with the path in the message', async () => {
  await expect(mini.cluster.submit(job('no-such-job'))).rejects.toThrow(/job module .*no-such-job\.ts: no such file/);
  await expect(mini.cluster.submit(job('not-a-job'))).rejects.toThrow(JobModuleError);
  await expect(mini.cluster.submit(job('not-a-job'))).rejects.toThrow(/not-a-job\.ts: its default export is not a job/);
});

test('a job that needs more slots than the cluster has is refused up front', async () => {
  await expect(mini.cluster.submit(job('endless'), { parallelism: 5 })).rejects.toThrow(NoResourceError);
  await expect(mini.cluster.submit(job('endless'), { parallelism: 5 })).rejects.toThrow(
    "job 'test-endless' needs 5 slots (its highest parallelism; operators share slots) but the cluster has 4 free of 2 workers x 2 slots",
  );
});

test('cancelling a running job ends it as CANCELED, and the cluster runs the next job', async () => {
  const client = await mini.cluster.submit(job('endless'), { parallelism: 4 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await client.cancel();
  expect(client.status).toBe('CANCELED');
  await expect(client.result()).rejects.toThrow("job 'test-endless' was cancelled");
  await expectHealthy();
});

test('a split enumerator that throws fails the job with the source name in the message', async () => {
  const client = await mini.cluster.submit(job('throwing-enumerator'), { parallelism: 2 });
  const error = await client.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobFailedError);
  expect(client.status).toBe('FAILED');
  expect((error as Error).message).toContain("source 'Source: refusing source'");
  expect(messageChain(error)).toContain('this enumerator refuses to start');
});
