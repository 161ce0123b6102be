// The settings a checkpoint benchmark job reads in `build`, passed as environment variables: the job manager sends its
// environment with each deployment, so the job module sees the same values in every worker.

export const JOB_ENV = {
  intervalMs: 'DHARA_CKPT_BENCH_INTERVAL_MS',
  ratePerSecond: 'DHARA_CKPT_BENCH_RATE',
  keys: 'DHARA_CKPT_BENCH_KEYS',
  unaligned: 'DHARA_CKPT_BENCH_UNALIGNED',
  alignedTimeoutMs: 'DHARA_CKPT_BENCH_ALIGNED_TIMEOUT_MS',
  sinkSleepMs: 'DHARA_CKPT_BENCH_SINK_SLEEP_MS',
  /** Recovery: the wall-clock start of the source's schedule (set by the harness at submit). */
  epochMs: 'DHARA_CKPT_BENCH_EPOCH_MS',
  /** Recovery: records the kill point of subtask 0 sees in each attempt before its worker is ended. */
  killAfterRecords: 'DHARA_CKPT_BENCH_KILL_AFTER_RECORDS',
} as const;

/** Where the externally induced job finds the store and the stream the harness writes to. */
export const PRAVEGA_ENV = {
  controller: 'DHARA_CKPT_BENCH_PRAVEGA_CONTROLLER',
  scope: 'DHARA_CKPT_BENCH_PRAVEGA_SCOPE',
  stream: 'DHARA_CKPT_BENCH_PRAVEGA_STREAM',
} as const;

export type JobSettings = { readonly [K in keyof typeof JOB_ENV]?: number | boolean };

/** The environment variables of `settings` (absent settings are left out). */
export function toEnv(settings: JobSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, variable] of Object.entries(JOB_ENV) as [keyof typeof JOB_ENV, string][]) {
    const value = settings[name];
    if (value !== undefined) env[variable] = String(value);
  }
  return env;
}

/** A numeric setting, or `fallback` when unset; throws on anything that is not a non-negative number. */
export function numberSetting(name: keyof typeof JOB_ENV, fallback: number): number {
  const raw = process.env[JOB_ENV[name]];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value >= 0 && Number.isFinite(value)))
    throw new RangeError(`${JOB_ENV[name]} must be a number >= 0, got '${raw}'`);
  return value;
}

export function booleanSetting(name: keyof typeof JOB_ENV): boolean {
  return process.env[JOB_ENV[name]] === 'true';
}
