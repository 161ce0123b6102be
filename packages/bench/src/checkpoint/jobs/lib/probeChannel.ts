// What the recovery job's operators tell the benchmark, across threads of the one process: a BroadcastChannel
// reaches the main thread from every worker thread, and Date.now() is the same clock everywhere.
import { BroadcastChannel } from 'node:worker_threads';

export const PROBE_CHANNEL = 'dhara-checkpoint-bench-recovery';

export type ProbeMessage =
  /** The kill point is about to see the record at which the fault of this attempt fires. */
  | { readonly kind: 'kill'; readonly attempt: number; readonly at: number }
  /** A sink subtask's first record in this attempt. */
  | { readonly kind: 'first'; readonly attempt: number; readonly subtask: number; readonly at: number }
  /** A sink subtask's largest event-time lag (now - due time) over the records since its previous report. */
  | {
      readonly kind: 'lag';
      readonly attempt: number;
      readonly subtask: number;
      readonly at: number;
      readonly lagMs: number;
    };

let channel: BroadcastChannel | undefined;

/** Posts to the benchmark; the channel does not keep a worker thread alive. */
export function probe(message: ProbeMessage): void {
  if (channel === undefined) {
    channel = new BroadcastChannel(PROBE_CHANNEL);
    channel.unref();
  }
  channel.postMessage(message);
}
