import { CommitFailedError, type CommitRequest, CommitRetriesExhaustedError, type Committer } from '@dhara/core';

/** Extra rounds for committables that asked `retryLater` (Flink's `sink.committer.retries`). */
export const COMMIT_RETRIES = 10;
/** The pause before each extra round. */
export const COMMIT_RETRY_DELAY_MS = 10;

type Outcome = 'committed' | 'retry' | 'dropped' | 'failed';

class Request<C> implements CommitRequest<C> {
  outcome: Outcome = 'committed';
  error: unknown;

  constructor(
    public committable: C,
    readonly checkpointId: number,
    readonly numberOfRetries: number,
    readonly recovered: boolean,
  ) {}

  signalFailedWithKnownReason(error: unknown): void {
    this.outcome = 'dropped';
    this.error = error;
  }

  signalFailedWithUnknownReason(error: unknown): void {
    this.outcome = 'failed';
    this.error = error;
  }

  retryLater(): void {
    this.outcome = 'retry';
  }

  updateAndRetryLater(committable: C): void {
    this.committable = committable;
    this.outcome = 'retry';
  }

  signalAlreadyCommitted(): void {
    this.outcome = 'committed';
  }
}

/**
 * Commits one checkpoint's committables: a round hands every request to the committer; the requests that asked
 * `retryLater` go again after a pause, up to `COMMIT_RETRIES` extra rounds, then the task fails. An unknown failure
 * (signalled or thrown) fails the task at once; a known one drops the committable, with a line on stderr.
 */
export async function commitRounds<C>(
  committer: Committer<C>,
  sinkUid: string,
  checkpointId: number,
  committables: readonly C[],
  recovered: boolean,
): Promise<void> {
  let requests = committables.map((c) => new Request(c, checkpointId, 0, recovered));
  for (let round = 0; requests.length > 0; round++) {
    try {
      await committer.commit(requests);
    } catch (error) {
      throw new CommitFailedError(sinkUid, checkpointId, error);
    }
    const failed = requests.find((r) => r.outcome === 'failed');
    if (failed !== undefined) throw new CommitFailedError(sinkUid, checkpointId, failed.error);
    for (const r of requests) {
      if (r.outcome === 'dropped') {
        console.error(
          `dhara: sink '${sinkUid}' dropped a committable of checkpoint ${checkpointId}: ${String(r.error)}`,
        );
      }
    }
    const again = requests.filter((r) => r.outcome === 'retry');
    if (again.length > 0 && round === COMMIT_RETRIES) {
      throw new CommitRetriesExhaustedError(sinkUid, checkpointId, COMMIT_RETRIES, again.length);
    }
    if (again.length > 0) await new Promise((resolve) => setTimeout(resolve, COMMIT_RETRY_DELAY_MS));
    requests = again.map((r) => new Request(r.committable, checkpointId, r.numberOfRetries + 1, recovered));
  }
}
