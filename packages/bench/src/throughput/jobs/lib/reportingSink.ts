// A discarding sink that tallies what it is given (count + order-independent checksum) and, at the end of input,
// reports the tally over the BroadcastChannel named by REPORT_CHANNEL_ENV: how the throughput bench checks a job's
// output against its plain loop without shipping the output anywhere.
import { BroadcastChannel } from 'node:worker_threads';
import type { Sink } from '@dhara/core';
import { addToTally, emptyTally, type Tally } from '../../workloads/index.ts';

export const REPORT_CHANNEL_ENV = 'DHARA_BENCH_REPORT_CHANNEL';

/** What each sink subtask reports at the end of input. */
export interface SinkReport extends Tally {
  readonly subtask: number;
}

function report(channelName: string | undefined, subtask: number, tally: Tally): void {
  if (channelName === undefined) return;
  const channel = new BroadcastChannel(channelName);
  const message: SinkReport = { subtask, ...tally };
  channel.postMessage(message);
  channel.close();
}

/** Tallies every element. */
export function reportingSink<T>(hash: (element: T) => number): Sink<T> {
  const channelName = process.env[REPORT_CHANNEL_ENV];
  return {
    createWriter(context) {
      const tally = emptyTally();
      return {
        write(element) {
          addToTally(tally, hash(element));
        },
        flush(endOfInput) {
          if (endOfInput) report(channelName, context.subtaskIndex, tally);
        },
        close() {},
      };
    },
  };
}

/**
 * For running aggregates (a keyed reduce emits each key's new value on every record, in an order that depends on how
 * the sources interleave): counts every element, but the checksum covers only each key's last element at the end of
 * input, which is the same in every run. The sink must sit in the same subtask as the keyed operator.
 */
export function latestPerKeySink<T, K>(keyOf: (element: T) => K, hash: (element: T) => number): Sink<T> {
  const channelName = process.env[REPORT_CHANNEL_ENV];
  return {
    createWriter(context) {
      const latest = new Map<K, T>();
      let outputs = 0;
      return {
        write(element) {
          outputs++;
          latest.set(keyOf(element), element);
        },
        flush(endOfInput) {
          if (!endOfInput) return;
          const tally = emptyTally();
          for (const element of latest.values()) addToTally(tally, hash(element));
          report(channelName, context.subtaskIndex, { outputs, checksum: tally.checksum });
        },
        close() {},
      };
    },
  };
}
