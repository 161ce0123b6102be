import type { Sink, SinkInitContext, SinkWriter } from './Sink.ts';

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Prints each element on its own line to standard output, prefixed like Flink's print sink: `prefix:3> ` (the
 * subtask number, from 1) when the sink runs with parallelism above 1. At-least-once: a restart may print again.
 */
export function printSink<T>(prefix?: string): Sink<T> {
  return {
    createWriter(context: SinkInitContext): SinkWriter<T> {
      const subtask = context.parallelism > 1 ? String(context.subtaskIndex + 1) : '';
      const head = prefix === undefined ? subtask : subtask === '' ? prefix : `${prefix}:${subtask}`;
      const lead = head === '' ? '' : `${head}> `;
      let pending: string[] = [];
      // Resolves once the lines are written. In a worker thread that means the parent thread has them: a job can end
      // (and its worker stop) right after the last flush without losing its last lines.
      const drain = (): Promise<void> | undefined => {
        if (pending.length === 0) return undefined;
        const text = `${pending.join('\n')}\n`;
        pending = [];
        return new Promise((resolve, reject) =>
          process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
        );
      };
      return {
        write(element) {
          pending.push(lead + format(element));
          return pending.length >= 256 ? drain() : undefined;
        },
        flush: drain,
        close: drain,
      };
    },
  };
}

/** Drops every element: for benchmarks and jobs that run for their side effects. */
export function discardingSink<T>(): Sink<T> {
  return {
    createWriter: () => ({ write() {}, flush() {}, close() {} }),
  };
}
