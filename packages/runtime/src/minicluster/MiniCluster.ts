import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildStreamGraph, checkTransactionTimeout, type JobGraph, toJobGraph } from '@dhara/core/internal';
import { Piscina } from 'piscina';
import { CheckpointStorage } from '../checkpoint/index.ts';
import type { FaultSpec } from '../faults/index.ts';
import { JobExecution, NoResourceError, planRestore, type TaskLauncher } from '../jobmanager/index.ts';
import { loadJobModule } from '../jobmodule/index.ts';
import { Mailbox } from '../mailbox/index.ts';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig, validateNetworkConfig } from '../network/index.ts';
import { WORKER_ENTRY } from '../taskworker/index.ts';
import { JobClient } from './JobClient.ts';
import { JobClientListener } from './JobClientListener.ts';

export interface MiniClusterOptions {
  /** Worker threads (task managers). Default 2. */
  readonly workers?: number;
  /** Slots per worker; a slot holds one subtask of every operator chain (slot sharing). Default 2. */
  readonly slotsPerWorker?: number;
  /** The network defaults of every job on this cluster. */
  readonly network?: Partial<NetworkConfig>;
  /** How often tasks report metrics. Default 500 ms. */
  readonly metricsIntervalMs?: number;
  /** How long a cancelled task may take to stop before its worker thread is terminated. Default 10 s. */
  readonly cancelTimeoutMs?: number;
  /** Where jobs' checkpoints go (`<dir>/<jobId>/chk-<n>/`). Default: `dhara-checkpoints` in the OS temp folder. */
  readonly checkpointDir?: string;
}

export interface SubmitOptions {
  /** The default parallelism of the job's operators (`env.setParallelism` in the job wins). Default 1. */
  readonly parallelism?: number;
  readonly network?: Partial<NetworkConfig>;
  /** Turns checkpointing on with this interval before the job's `build` runs (which may still change it). */
  readonly checkpointIntervalMs?: number;
  /** Failures to inject, for tests and benchmarks. */
  readonly faults?: readonly FaultSpec[];
  /** A savepoint (or retained checkpoint) directory to start from; operators get their state by uid. */
  readonly fromSavepoint?: string;
  /** Start even if the savepoint holds state of operators the job no longer has (that state is dropped). */
  readonly allowNonRestoredState?: boolean;
}

/** How many tasks one worker thread may run at once; slot admission is done by the cluster, not by piscina. */
const TASKS_PER_WORKER = 4096;

/**
 * A local cluster: the job manager on this thread (a mailbox), task workers in worker threads kept by piscina.
 * Jobs are modules whose default export is `defineJob(...)`; each worker imports the module again.
 */
export class MiniCluster {
  readonly jobManager: Mailbox;
  private readonly running = new Map<string, { execution: JobExecution; client: JobClient; slots: number }>();
  private freeSlots: number;
  private closed = false;

  private constructor(
    private readonly pool: Piscina,
    private readonly options: Required<Omit<MiniClusterOptions, 'network'>> & { network: NetworkConfig },
  ) {
    this.jobManager = new Mailbox({
      name: 'job manager',
      onError: (error, description) => {
        // A bug in the job manager's own code: report it loudly and fail every job rather than go on inconsistent.
        console.error(`dhara: job manager mail '${description}' threw`, error);
        for (const { execution } of this.running.values()) execution.fail(error as Error);
      },
    });
    this.freeSlots = options.workers * options.slotsPerWorker;
  }

  static async start(options: MiniClusterOptions = {}): Promise<MiniCluster> {
    const workers = options.workers ?? 2;
    const slotsPerWorker = options.slotsPerWorker ?? 2;
    for (const [name, value] of [
      ['workers', workers],
      ['slotsPerWorker', slotsPerWorker],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`MiniCluster: ${name} must be a positive integer, got ${value}`);
    }
    const network = validateNetworkConfig({ ...DEFAULT_NETWORK_CONFIG, ...options.network });
    const pool = new Piscina({
      filename: WORKER_ENTRY.href,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      idleTimeout: Number.POSITIVE_INFINITY,
      // Tasks are long-running async loops: a worker must never block in Atomics.wait between them.
      atomics: 'disabled',
    });
    await waitForThreads(pool, workers);
    return new MiniCluster(pool, {
      workers,
      slotsPerWorker,
      network,
      metricsIntervalMs: options.metricsIntervalMs ?? 500,
      cancelTimeoutMs: options.cancelTimeoutMs ?? 10_000,
      checkpointDir: path.resolve(options.checkpointDir ?? path.join(tmpdir(), 'dhara-checkpoints')),
    });
  }

  get workerThreadIds(): number[] {
    return this.pool.threads.map((t) => t.threadId);
  }

  /** Imports the job module, builds its graph, and deploys it. */
  async submit(modulePath: string, options: SubmitOptions = {}): Promise<JobClient> {
    if (this.closed) throw new Error('MiniCluster: submit after close');
    const absolute = path.resolve(modulePath);
    const jobId = randomUUID();
    const env = snapshotEnvironment();
    const job = await loadJobModule(absolute, jobId);
    const defaultParallelism = options.parallelism ?? 1;
    const defaultCheckpointIntervalMs = options.checkpointIntervalMs;
    const graph = toJobGraph(
      buildStreamGraph(job, {
        defaultParallelism,
        ...(defaultCheckpointIntervalMs === undefined ? {} : { defaultCheckpointIntervalMs }),
      }),
    );
    for (const node of graph.streamGraph.nodes) {
      if (node.spec.kind === 'sink') {
        checkTransactionTimeout(node.name, node.uid, node.spec.sink, graph.streamGraph.checkpointConfig);
      }
    }
    const network = validateNetworkConfig({ ...this.options.network, ...options.network });
    const initialState =
      options.fromSavepoint === undefined
        ? undefined
        : await loadSavepoint(graph, path.resolve(options.fromSavepoint), options.allowNonRestoredState ?? false);
    const slots = requiredSlots(graph);
    if (slots > this.freeSlots) {
      throw new NoResourceError(
        job.name,
        slots,
        this.freeSlots,
        `${this.options.workers} workers x ${this.options.slotsPerWorker} slots`,
      );
    }
    this.freeSlots -= slots;

    let execution: JobExecution | undefined;
    const listener = new JobClientListener(jobId, job.name, () => {
      this.running.delete(jobId);
      this.freeSlots += slots;
    });
    const client = new JobClient(
      jobId,
      job.name,
      {
        cancel: () => this.jobManager.send(() => execution?.cancel(), `cancel ${job.name}`),
        requestCheckpoint: (onDone) =>
          this.jobManager.send(() => {
            if (execution?.checkpointCoordinator.triggerManualCheckpoint(onDone) !== true) onDone(undefined);
          }, `trigger a checkpoint of ${job.name}`),
        requestSavepoint: (dir, stop, onDone) =>
          this.jobManager.send(() => {
            const started = execution?.checkpointCoordinator.triggerSavepoint(path.resolve(dir), stop, onDone, () =>
              onDone(undefined),
            );
            if (started !== true) onDone(undefined);
          }, `trigger a savepoint of ${job.name}`),
      },
      listener,
    );
    execution = new JobExecution(
      graph,
      {
        jobId,
        modulePath: absolute,
        defaultParallelism,
        defaultCheckpointIntervalMs,
        env,
        network,
        metricsIntervalMs: this.options.metricsIntervalMs,
        cancelTimeoutMs: this.options.cancelTimeoutMs,
        checkpointDir: path.join(this.options.checkpointDir, jobId),
        faults: options.faults ?? [],
        ...(initialState === undefined ? {} : { initialState }),
      },
      this.jobManager,
      this.launcher(),
      listener,
    );
    this.running.set(jobId, { execution, client, slots });
    this.jobManager.send(() => execution.start(), `start ${job.name}`);
    return client;
  }

  /** Terminates a worker thread, as a crash would: for failure-injection tests. Piscina starts a replacement. */
  async terminateWorker(index: number): Promise<void> {
    const thread = this.pool.threads[index];
    if (thread === undefined) throw new RangeError(`no worker ${index}; the cluster has ${this.pool.threads.length}`);
    await thread.terminate();
  }

  /** Cancels every running job, waits for them, and stops all worker threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const clients = [...this.running.values()].map((r) => r.client);
    await Promise.all(clients.map((c) => c.cancel()));
    this.jobManager.close();
    await this.pool.destroy();
  }

  private launcher(): TaskLauncher {
    return {
      launch: (deployment, transferList) => this.pool.run(deployment, { transferList: transferList as never }),
      terminateThread: async (threadId) => {
        await this.pool.threads.find((t) => t.threadId === threadId)?.terminate();
      },
    };
  }
}

function snapshotEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

/** Reads a savepoint (checking every file) and checks that it fits the job, before anything is deployed. */
async function loadSavepoint(graph: JobGraph, dir: string, allowNonRestoredState: boolean) {
  const metadata = await CheckpointStorage.readMetadata(dir);
  planRestore(graph, dir, metadata, allowNonRestoredState);
  return { checkpoint: { dir, metadata }, allowNonRestoredState };
}

/** With slot sharing, a job needs as many slots as its highest parallelism. */
function requiredSlots(graph: JobGraph): number {
  return Math.max(...graph.vertices.map((v) => v.parallelism));
}

async function waitForThreads(pool: Piscina, count: number): Promise<void> {
  // Piscina starts minThreads at construction; wait until they are up, so that the balancer spreads tasks over all.
  const deadline = Date.now() + 30_000;
  while (pool.threads.length < count) {
    if (Date.now() > deadline)
      throw new Error(`MiniCluster: only ${pool.threads.length} of ${count} worker threads started`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
