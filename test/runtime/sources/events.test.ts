import { expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../../support/index.ts';
import type { Welcome } from '../jobs/PingSource.ts';

const mini = useMiniCluster({ name: 'source-events', workers: 2, slotsPerWorker: 2 });

test('source events go from each reader to the enumerator and back, with a callAsync result from the mailbox', async () => {
  const job = await mini.cluster.submit(jobPath('runtime', 'source-events'), { parallelism: 3 });
  const { collected } = await job.result();
  const welcomes = [...(collected.welcomes as Welcome[])].sort((a, b) => a.to - b.to);
  // Each reader's hello reached the enumerator, whose answer — sent only once the callAsync result was in — reached
  // that reader, which emitted it.
  expect(welcomes).toEqual(
    [0, 1, 2].map((to) => ({
      type: 'welcome',
      to,
      asyncResult: 'computed off the mailbox',
      handlerOnMainThread: true,
    })),
  );
});
