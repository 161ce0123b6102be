// What the report reads from a suite's result, every field optional: the JSON on disk may come from an older or a
// newer suite (scenarios that others add may carry other figures and lack these), and NaN is stored as null.
// suite.ts passes its `CheckpointSuiteReport` as a `ReportInput`, so the compiler checks that the fields both name
// agree.

export type Num = number | null | undefined;

export interface PercentilesInput {
  readonly count?: Num;
  readonly p50?: Num;
  readonly p90?: Num;
  readonly p99?: Num;
  readonly p999?: Num;
  readonly max?: Num;
}

export interface CheckpointPointInput {
  readonly id?: Num;
  readonly atS?: Num;
  readonly ms?: Num;
  readonly unaligned?: boolean | null;
}

export interface ThroughputPointInput {
  readonly atS?: Num;
  readonly recordsPerSecond?: Num;
}

export interface FiguresInput {
  readonly completed?: Num;
  readonly failed?: Num;
  readonly warmupSkipped?: Num;
  readonly endToEndMs?: PercentilesInput | null;
  readonly medianMs?: {
    readonly alignment?: Num;
    readonly sync?: Num;
    readonly async?: Num;
    readonly startDelay?: Num;
  } | null;
  readonly stateBytesMedian?: Num;
  readonly inFlightBytesMedian?: Num;
  readonly bytesPersistedTotal?: Num;
  readonly unalignedShare?: Num;
  readonly recordsPerSecond?: Num;
  readonly series?: readonly CheckpointPointInput[] | null;
  readonly throughputSeries?: readonly ThroughputPointInput[] | null;
  readonly failures?: readonly string[] | null;
  readonly throughputDuringCheckpoints?: {
    readonly duringPerSecond?: Num;
    readonly withoutPerSecond?: Num;
    readonly ratio?: Num;
    readonly duringIntervals?: Num;
    readonly withoutIntervals?: Num;
  } | null;
  /** The recovery scenario's figures; null in the others. */
  readonly recovery?: {
    readonly kills?: Num;
    readonly detectedMs?: PercentilesInput | null;
    readonly redeployedMs?: PercentilesInput | null;
    readonly firstRecordMs?: PercentilesInput | null;
    readonly caughtUpMs?: PercentilesInput | null;
    readonly events?: readonly object[] | null;
  } | null;
}

export interface FloorsInput {
  readonly fsync?: { readonly bytes?: Num; readonly medianMs?: Num } | null;
  readonly barrier?: { readonly medianMs?: Num; readonly method?: string | null } | null;
  readonly totalMs?: Num;
  readonly p50Ratio?: Num;
  readonly p99Ratio?: Num;
}

export interface ScenarioInput {
  readonly name?: string;
  readonly description?: string;
  readonly parallelism?: Num;
  readonly settings?: object | null;
  readonly network?: object | null | undefined;
  readonly taskChains?: readonly string[] | null;
  readonly wallMs?: Num;
  readonly figures?: FiguresInput | null;
  readonly floors?: FloorsInput | null;
}

export interface ReportInput {
  readonly environment?: {
    readonly date?: string;
    readonly node?: string;
    readonly cpus?: Num;
    readonly cpuModel?: string;
    readonly platform?: string;
  } | null;
  readonly options?: { readonly durationMs?: Num; readonly warmupMs?: Num; readonly quick?: boolean | null } | null;
  readonly scenarios?: readonly ScenarioInput[] | null;
  readonly notDone?: readonly string[] | null;
}

/** The number, or undefined when it is absent, null (NaN in JSON) or not finite. */
export function finite(n: Num): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A scenario's display name: its name, else its position. */
export function scenarioName(s: ScenarioInput, index: number): string {
  return s.name ?? `scenario ${index + 1}`;
}
