export { FaultInjector } from './FaultInjector.ts';
export { type FaultSpec, InjectedFailure } from './FaultSpec.ts';
