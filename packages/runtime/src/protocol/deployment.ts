import type { MessagePort } from 'node:worker_threads';
import type { CheckpointConfig } from '@dhara/core';
import type { RestoreSpec } from '../checkpoint/index.ts';
import type { FaultSpec } from '../faults/index.ts';
import type { NetworkConfig } from '../network/index.ts';

/** Everything a worker needs to run one subtask; sent with the task's ports in the transfer list. */
export interface TaskDeployment {
  readonly jobId: string;
  readonly jobName: string;
  /** Absolute path of the job module; the worker imports it and runs `build` again. */
  readonly modulePath: string;
  readonly defaultParallelism: number;
  /** Checkpointing asked for at submission (the CLI's --checkpoint-interval), applied before `build`. */
  readonly defaultCheckpointIntervalMs: number | undefined;
  /** The job manager's environment variables at submission: `build` sees the same ones in every thread. */
  readonly env: Readonly<Record<string, string>>;
  /** The job manager's graph fingerprint and outline, to check the worker's rebuilt graph against. */
  readonly fingerprint: string;
  readonly outline: readonly string[];
  readonly vertexId: number;
  readonly subtaskIndex: number;
  readonly attemptNumber: number;
  readonly network: NetworkConfig;
  readonly checkpointConfig: CheckpointConfig;
  /** Where this job's checkpoints go: `<dir>/chk-<n>/`. */
  readonly checkpointDir: string;
  /** The state this subtask starts from: the files of a completed checkpoint or savepoint that hold its operators. */
  readonly restore: RestoreSpec | undefined;
  readonly faults: readonly FaultSpec[];
  /** Metrics are sent this often. */
  readonly metricsIntervalMs: number;
  readonly control: MessagePort;
  /** Per input edge of the vertex: one port per producer subtask that feeds this subtask. */
  readonly inputs: readonly { readonly edgeId: number; readonly ports: readonly MessagePort[] }[];
  /** Per output edge of the vertex: one port per consumer subtask this subtask feeds. */
  readonly outputs: readonly { readonly edgeId: number; readonly ports: readonly MessagePort[] }[];
}
