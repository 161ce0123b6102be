import type { FaultSpec } from '../faults/index.ts';
import type { NetworkConfig } from '../network/index.ts';
import type { RestorableCheckpoint } from './restoreCheckpoint.ts';

/** What the cluster tells a JobExecution about its job. */
export interface JobExecutionOptions {
  readonly jobId: string;
  readonly modulePath: string;
  readonly defaultParallelism: number;
  readonly defaultCheckpointIntervalMs: number | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly network: NetworkConfig;
  readonly metricsIntervalMs: number;
  /** How long a cancelled task may take to stop before its worker thread is terminated. */
  readonly cancelTimeoutMs: number;
  /** This job's checkpoint directory: `<checkpointDir>/<jobId>`. */
  readonly checkpointDir: string;
  readonly faults: readonly FaultSpec[];
  /** A savepoint (or retained checkpoint) the first attempt starts from. */
  readonly initialState?: { readonly checkpoint: RestorableCheckpoint; readonly allowNonRestoredState: boolean };
}
