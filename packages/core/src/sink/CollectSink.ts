import type { Sink, SinkWriter } from './Sink.ts';

/**
 * Sends every element back to the job client, where `job.collected(name)` and the job result read them: the test
 * sink. At-least-once: after a restart (checkpointing issue) it may deliver an element again; order is kept per
 * subtask only. Meant for tests and small results, as it keeps everything in the job manager's memory.
 */
export class CollectSink<T> implements Sink<T> {
  declare readonly __elementType?: T;
  constructor(readonly collectName: string) {
    if (collectName.length === 0) throw new TypeError('collectSink: the name must not be empty');
  }

  createWriter(): SinkWriter<T> {
    throw new Error(`collectSink('${this.collectName}') is run by the Dhara runtime; it has no writer of its own`);
  }
}

export function collectSink<T>(name: string): CollectSink<T> {
  return new CollectSink<T>(name);
}
