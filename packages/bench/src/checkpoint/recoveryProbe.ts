// Scenario 5's measurements: listens to what the recovery job's kill point and sinks post (jobs/probeChannel.ts) and
// to the job's status, and turns them into per-kill recovery times.
//   kill        the kill point's post just before the record at which the exit-worker fault of its attempt fires;
//   detected    the job turned RESTARTING; redeployed: it turned RUNNING again;
//   first       the first record any sink subtask wrote in the next attempt;
//   caught up   every sink subtask of the next attempt reported a 20 ms window whose worst event-time lag (now - the
//               record's due time on the source's wall-clock schedule) is back at or under the worst lag of the
//               second before the kill (at least 20 ms: the network's 10 ms flush interval is part of the lag).
import { BroadcastChannel } from 'node:worker_threads';
import type { JobClient } from '@dhara/runtime';
import { type Percentiles, percentiles } from './histogram.ts';
import { PROBE_CHANNEL, type ProbeMessage } from './jobs/lib/index.ts';

export interface RecoveryEvent {
  /** The attempt that was killed. */
  readonly attempt: number;
  /** Milliseconds from the kill to each step; NaN when the run ended first. */
  readonly detectedMs: number;
  readonly redeployedMs: number;
  readonly firstRecordMs: number;
  readonly caughtUpMs: number;
  /** The lag the next attempt had to get back under. */
  readonly lagBeforeMs: number;
}

export interface RecoveryFigures {
  readonly kills: number;
  readonly firstRecordMs: Percentiles;
  readonly caughtUpMs: Percentiles;
  readonly detectedMs: Percentiles;
  readonly redeployedMs: Percentiles;
  readonly events: readonly RecoveryEvent[];
}

const MIN_LAG_MS = 20;

export class RecoveryProbe {
  private readonly messages: ProbeMessage[] = [];
  private readonly statuses: { status: string; at: number }[] = [];
  private readonly channel = new BroadcastChannel(PROBE_CHANNEL);

  constructor(private readonly parallelism: number) {
    this.channel.onmessage = (event) => this.messages.push((event as { data: ProbeMessage }).data);
  }

  attach(job: JobClient): void {
    job.status$.subscribe((status) => this.statuses.push({ status, at: Date.now() }));
  }

  close(): void {
    this.channel.close();
  }

  figures(): RecoveryFigures {
    const kills = this.messages.filter((m) => m.kind === 'kill');
    const events = kills.map((kill) => this.recoveryAfter(kill.attempt, kill.at));
    const of = (pick: (e: RecoveryEvent) => number) =>
      percentiles(events.map(pick).filter((n) => Number.isFinite(n) && n > 0));
    return {
      kills: kills.length,
      firstRecordMs: of((e) => e.firstRecordMs),
      caughtUpMs: of((e) => e.caughtUpMs),
      detectedMs: of((e) => e.detectedMs),
      redeployedMs: of((e) => e.redeployedMs),
      events,
    };
  }

  private recoveryAfter(attempt: number, killAt: number): RecoveryEvent {
    const next = attempt + 1;
    const since = (at: number | undefined): number => (at === undefined ? Number.NaN : at - killAt);
    const detected = this.statuses.find((s) => s.status === 'RESTARTING' && s.at >= killAt);
    const redeployed = this.statuses.find((s) => s.status === 'RUNNING' && s.at >= (detected?.at ?? killAt));
    let lagBeforeMs = MIN_LAG_MS;
    let first: number | undefined;
    const caughtUp = new Map<number, number>();
    for (const m of this.messages) {
      if (m.kind === 'lag' && m.attempt === attempt && m.at <= killAt && m.at >= killAt - 1_000) {
        lagBeforeMs = Math.max(lagBeforeMs, m.lagMs);
      }
    }
    for (const m of this.messages) {
      if (m.kind === 'first' && m.attempt === next) first = Math.min(first ?? m.at, m.at);
      if (m.kind === 'lag' && m.attempt === next && m.lagMs <= lagBeforeMs && !caughtUp.has(m.subtask)) {
        caughtUp.set(m.subtask, m.at);
      }
    }
    const allCaughtUp = caughtUp.size === this.parallelism ? Math.max(...caughtUp.values()) : undefined;
    return {
      attempt,
      detectedMs: since(detected?.at),
      redeployedMs: since(redeployed?.at),
      firstRecordMs: since(first),
      caughtUpMs: since(allCaughtUp),
      lagBeforeMs,
    };
  }
}
