// The barrier floor of a pipeline of n task chains: a barrier-sized message (a checkpoint id and a timestamp)
// sent from this thread (the job manager's) through n worker threads, one per task chain, and back, over
// MessagePorts, with no data — what the trigger, the barrier and the last acknowledgement need at the least.
// Pings are spaced out so that the threads are idle between them, as between checkpoints.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { median } from '../histogram.ts';

export interface BarrierFloor {
  readonly threads: number;
  readonly samples: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly method: string;
}

/** Forwards every message from its input port to its output port, as a task forwards a barrier. */
const FORWARDER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ input, output }) => {
  input.on('message', (barrier) => output.postMessage(barrier));
  parentPort.postMessage('ready');
});
`;

function once(port: MessagePort | Worker): Promise<unknown> {
  return new Promise((resolve) => port.once('message', resolve));
}

export async function measureBarrierFloor(threads: number, samples = 100, gapMs = 10): Promise<BarrierFloor> {
  const channels = Array.from({ length: threads + 1 }, () => new MessageChannel());
  const workers = Array.from({ length: threads }, () => new Worker(FORWARDER, { eval: true }));
  try {
    await Promise.all(
      workers.map((worker, i) => {
        const ready = once(worker);
        const input = channels[i]!.port2;
        const output = channels[i + 1]!.port1;
        worker.postMessage({ input, output }, [input, output]);
        return ready;
      }),
    );
    const send = channels[0]!.port1;
    const receive = channels[threads]!.port2;
    const times: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      await new Promise((r) => setTimeout(r, gapMs));
      const arrived = once(receive);
      const t0 = performance.now();
      send.postMessage({ checkpointId: i, timestamp: Date.now() });
      await arrived;
      if (i >= 5) times.push(performance.now() - t0);
    }
    send.close();
    receive.close();
    return {
      threads,
      samples: times.length,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      method: `ping main -> ${threads} worker threads -> main over MessagePorts, idle, ${gapMs} ms apart`,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
