export type { ChaosEvent, ChaosRow } from './jobs/pipeline.ts';
export {
  type ChaosRoundSpec,
  type ChaosTarget,
  type ChaosVerdict,
  FAULT_KINDS,
  type FaultKind,
  planRound,
  runChaosRound,
} from './round.ts';
