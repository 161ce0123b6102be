import type { TaskMetrics, TaskMetricsSample } from '../metrics/index.ts';
import type { InputGate, NetworkConfig, OutputChannel, RecordWriter } from '../network/index.ts';

/** A sample of a task's metrics, with what its network channels and writers counted so far. */
export function sampleTaskMetrics(
  metrics: TaskMetrics,
  network: NetworkConfig,
  writers: readonly RecordWriter[],
  channels: readonly OutputChannel[],
  gate: InputGate | undefined,
): TaskMetricsSample {
  let bytesOut = 0;
  let maxOutputBacklog = 0;
  for (const c of channels) {
    bytesOut += c.bytesSent;
    maxOutputBacklog = Math.max(maxOutputBacklog, c.maxBacklogSeen);
  }
  metrics.recordsOut = writers.reduce((n, w) => n + w.recordsOut, 0);
  return metrics.sample({
    bytesOut,
    maxOutputBacklog,
    outputBacklogBound: network.maxBacklogPerChannel,
    maxInputQueue: gate?.channels.reduce((m, c) => Math.max(m, c.maxQueuedSeen), 0) ?? 0,
    inputQueueBound: network.creditsPerChannel,
  });
}
