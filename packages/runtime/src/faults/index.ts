export { FaultInjector } from './FaultInjector.ts';
export { type CheckpointPhase, type FaultSpec, InjectedFailure } from './FaultSpec.ts';
