// How a run is measured: wall seconds, CPU seconds of the whole process (process.cpuUsage counts every thread, so
// the task workers and the job manager are in it), and the CPU other processes took meanwhile.
import { watchOtherLoad } from './cpuLoad.ts';

export interface Sample {
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Cores other processes used during the run (Linux; undefined elsewhere): above ~0.2 the run competed. */
  readonly otherLoad: number | undefined;
}

/** Median seconds and CPU seconds of the measured runs, and the rates they give. */
export interface Figures {
  readonly samples: readonly Sample[];
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly recordsPerSecond: number;
  /** Records per CPU second: records/s per busy core. */
  readonly recordsPerCoreSecond: number;
  /** CPU seconds per wall second: how many cores the run kept busy. */
  readonly coresUsed: number;
}

export const CORE_DEFINITION =
  'records/s per core = records / CPU seconds of the whole process during the run (process.cpuUsage: user + ' +
  'system of every thread: the task workers, the job manager and anything idling); median of the measured runs';

export async function timed<T>(run: () => T | Promise<T>): Promise<{ sample: Sample; value: T }> {
  const otherLoad = watchOtherLoad();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const seconds = (performance.now() - t0) / 1_000;
  const cpu = process.cpuUsage(cpu0);
  return { sample: { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, otherLoad: otherLoad() }, value };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function figures(records: number, samples: readonly Sample[]): Figures {
  const seconds = median(samples.map((s) => s.seconds));
  const cpuSeconds = median(samples.map((s) => s.cpuSeconds));
  return {
    samples,
    seconds,
    cpuSeconds,
    recordsPerSecond: records / seconds,
    recordsPerCoreSecond: records / cpuSeconds,
    coresUsed: median(samples.map((s) => s.cpuSeconds / s.seconds)),
  };
}

/** One warm-up run, then `runs` measured ones; `check` sees every run's value (warm-up included). */
export async function measureRuns<T>(
  records: number,
  runs: number,
  run: () => T | Promise<T>,
  check: (value: T) => void,
): Promise<{ figures: Figures; last: T }> {
  let last = (await timed(run)).value;
  check(last);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const { sample, value } = await timed(run);
    check(value);
    samples.push(sample);
    last = value;
  }
  return { figures: figures(records, samples), last };
}
