// One end of baseline (b): a producer that encodes batches with msgpackr and transfers them over a MessagePort under
// a credit window, or a consumer that decodes them and returns one credit per batch. No operators.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { Packr, Unpackr } from 'msgpackr';
import { bidAt, recordAt } from '../workloads/index.ts';

export interface RawChannelRole {
  readonly role: 'producer' | 'consumer';
  readonly records: number;
  readonly batchSize: number;
  /** Frames a producer may have in flight (the runtime's creditsPerChannel). */
  readonly window: number;
  /** Which records travel: the bench's { key, value, ts } or Nexmark-shaped bids. */
  readonly shape: RecordShape;
}

export type RecordShape = 'bench-record' | 'nexmark-bid';

const options = workerData as RawChannelRole;
const parent = parentPort!;
const generate: (i: number) => unknown = options.shape === 'nexmark-bid' ? bidAt : recordAt;

async function produce(port: MessagePort): Promise<void> {
  const packr = new Packr({ useRecords: true });
  let credits = options.window;
  let wake: (() => void) | undefined;
  port.on('message', (granted: number) => {
    credits += granted;
    wake?.();
    wake = undefined;
  });
  for (let first = 0; first < options.records; first += options.batchSize) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    const end = Math.min(options.records, first + options.batchSize);
    const batch: unknown[] = [];
    for (let i = first; i < end; i++) batch.push(generate(i));
    const packed = packr.pack(batch);
    // Its own ArrayBuffer, so it can be transferred (msgpackr's result is a view into a shared buffer).
    const frame = new Uint8Array(packed.length);
    frame.set(packed);
    credits--;
    port.postMessage(frame, [frame.buffer]);
  }
}

function consume(port: MessagePort): void {
  const unpackr = new Unpackr({ useRecords: true });
  let received = 0;
  let checksum = 0;
  port.on('message', (frame: Uint8Array) => {
    const batch = unpackr.unpack(frame) as { dateTime?: number; ts?: number }[];
    for (const r of batch) checksum = (checksum + (r.ts ?? r.dateTime ?? 0)) % 1_000_000_007;
    received += batch.length;
    port.postMessage(1);
    if (received >= options.records) {
      parent.postMessage({ type: 'done', received, checksum });
      port.close();
    }
  });
}

parent.on('message', (message: { type: 'port'; port: MessagePort } | { type: 'go' }) => {
  if (message.type === 'port') {
    if (options.role === 'consumer') consume(message.port);
    else parent.once('message', () => void produce(message.port).then(() => parent.postMessage({ type: 'sent' })));
    parent.postMessage({ type: 'ready' });
  }
});
