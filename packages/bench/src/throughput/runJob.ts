// One job run on a MiniCluster: sized and told where to report through environment variables (the job manager sends
// its environment with each deployment), timed from submit to result, then checked: the source read every record,
// no window dropped a late one, and every sink subtask reported its tally.
import { BroadcastChannel } from 'node:worker_threads';
import type { JobMetrics, MiniCluster } from '@dhara/runtime';
import { REPORT_CHANNEL_ENV, type SinkReport } from './jobs/lib/index.ts';
import { combineTallies, RECORDS_ENV, type Tally } from './workloads/index.ts';

export interface JobRun {
  readonly tally: Tally;
  readonly metrics: JobMetrics;
}

/** The job broke the bench's contract: it did not read, or did not emit, what it should have. */
export class ThroughputCheckError extends Error {
  override readonly name = 'ThroughputCheckError';
}

const REPORT_TIMEOUT_MS = 10_000;
let runs = 0;

export async function runJob(
  cluster: MiniCluster,
  job: string,
  parallelism: number,
  records: number,
  extraSourceRecords = 0,
): Promise<JobRun> {
  const channelName = `dhara-bench-throughput-${process.pid}-${runs++}`;
  const channel = new BroadcastChannel(channelName);
  const reports: SinkReport[] = [];
  process.env[RECORDS_ENV] = String(records);
  process.env[REPORT_CHANNEL_ENV] = channelName;
  try {
    let expectedReports = parallelism;
    let allReported: () => void = () => {};
    const reported = new Promise<void>((resolve) => {
      allReported = resolve;
    });
    channel.onmessage = (message) => {
      reports.push((message as { data: SinkReport }).data);
      if (reports.length >= expectedReports) allReported();
    };
    const client = await cluster.submit(job, { parallelism });
    const result = await client.result();
    const { vertices } = result.metrics;
    const sink = vertices.at(-1);
    expectedReports = sink?.parallelism ?? parallelism;
    if (reports.length >= expectedReports) allReported();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      reported,
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ThroughputCheckError(
                `${job}: only ${reports.length} of ${expectedReports} sink subtasks reported their output`,
              ),
            ),
          REPORT_TIMEOUT_MS,
        );
      }),
    ]);
    clearTimeout(timer);
    const sourceRead = vertices[0]?.recordsIn ?? 0;
    if (sourceRead !== records + extraSourceRecords) {
      throw new ThroughputCheckError(
        `${job}: the source read ${sourceRead} of ${records + extraSourceRecords} records`,
      );
    }
    const dropped = vertices.reduce((n, v) => n + v.lateRecordsDropped, 0);
    if (dropped !== 0) {
      const where = vertices.filter((v) => v.lateRecordsDropped > 0).map((v) => `${v.name}: ${v.lateRecordsDropped}`);
      throw new ThroughputCheckError(`${job}: the windows dropped late records (${where.join(', ')})`);
    }
    return { tally: combineTallies(reports), metrics: result.metrics };
  } finally {
    channel.close();
    delete process.env[REPORT_CHANNEL_ENV];
    delete process.env[RECORDS_ENV];
  }
}
