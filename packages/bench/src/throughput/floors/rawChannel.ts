// Baseline (b): records/s of the raw channel between two worker threads, measured end to end.
import { once } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { RawChannelRole, RecordShape } from './rawChannelWorker.ts';

export type { RecordShape };

const ENTRY = new URL('./tsWorkerEntry.mjs', import.meta.url);
const WORKER = new URL('./rawChannelWorker.ts', import.meta.url);

function start(role: RawChannelRole): Worker {
  return new Worker(ENTRY, { workerData: { ...role, module: WORKER.href } });
}

export interface RawChannelRun {
  /** Wall seconds from go to the last decode. */
  readonly seconds: number;
  /** CPU seconds the process (every thread) used in that time. */
  readonly cpuSeconds: number;
}

/** Sends `records` records producer -> consumer in fresh workers, timed from go to the last decode. */
export async function runRawChannel(
  records: number,
  shape: RecordShape = 'bench-record',
  batchSize = 1_000,
  window = 4,
): Promise<RawChannelRun> {
  const producer = start({ role: 'producer', records, batchSize, window, shape });
  const consumer = start({ role: 'consumer', records, batchSize, window, shape });
  try {
    const { port1, port2 } = new MessageChannel();
    const ready = [once(producer, 'message'), once(consumer, 'message')];
    producer.postMessage({ type: 'port', port: port1 }, [port1]);
    consumer.postMessage({ type: 'port', port: port2 }, [port2]);
    await Promise.all(ready);
    const done = once(consumer, 'message') as Promise<[{ received: number }]>;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    producer.postMessage({ type: 'go' });
    const [{ received }] = await done;
    const seconds = (performance.now() - t0) / 1_000;
    const cpu = process.cpuUsage(cpu0);
    if (received !== records) throw new Error(`raw channel: ${received} of ${records} records arrived`);
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await Promise.all([producer.terminate(), consumer.terminate()]);
  }
}
