// Scenario 4's input: an embedded stream store on loopback, in this process (as in test/pravega/store.ts), and a
// writer that appends readings to the job's input stream at a fixed rate for the whole run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JsonSerializer, PravegaStore, ScalingPolicy } from '@dhara/pravega';
import type { Reading } from './jobs/lib/index.ts';
import { PRAVEGA_ENV } from './jobs/lib/index.ts';

export interface PravegaFeed {
  /** The job's environment: where the store is and which stream to read. */
  readonly env: Record<string, string>;
  /** Events appended so far. */
  readonly written: () => number;
  close(): Promise<void>;
}

const SCOPE = 'bench';
/** How often the writer appends its share of the rate. */
const TICK_MS = 10;

export async function startPravegaFeed(options: {
  readonly ratePerSecond: number;
  readonly keys: number;
  readonly segments: number;
}): Promise<PravegaFeed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dhara-checkpoint-bench-store-'));
  const store = await PravegaStore.open({ dir });
  const port = await store.listen(0);
  const client = store.client();
  const stream = 'readings';
  await client.streamManager().createScope(SCOPE);
  await client
    .streamManager()
    .createStream(SCOPE, stream, { scalingPolicy: ScalingPolicy.fixed(Math.max(1, options.segments)) });
  const writer = client.createEventWriter(SCOPE, stream, new JsonSerializer<Reading>());

  // Appends what is due on every tick (by wall clock since the start, so a slow tick is made up by the next).
  const started = performance.now();
  let written = 0;
  let failure: Error | undefined;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) * options.ratePerSecond) / 1_000);
    const appends: Promise<void>[] = [];
    for (; written < due; written++) {
      const key = written % options.keys;
      appends.push(writer.writeEvent(String(key), { key, value: written % 1_000 }));
    }
    Promise.all(appends).catch((error: unknown) => {
      failure ??= error as Error;
    });
  }, TICK_MS);

  return {
    env: {
      [PRAVEGA_ENV.controller]: `127.0.0.1:${port}`,
      [PRAVEGA_ENV.scope]: SCOPE,
      [PRAVEGA_ENV.stream]: stream,
    },
    written: () => written,
    close: async () => {
      clearInterval(timer);
      try {
        await writer.close();
        await client.close();
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      if (failure !== undefined) throw new Error(`the benchmark's Pravega writer failed: ${failure.message}`);
    },
  };
}
