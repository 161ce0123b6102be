// State: the descriptors that name and type a state, the states a function reads and writes, and the stores that
// hand them out.
export {
  type AggregatingStateDescriptor,
  aggregatingState,
  type ListStateDescriptor,
  listState,
  type MapStateDescriptor,
  mapState,
  type ReducingStateDescriptor,
  reducingState,
  type StateDescriptor,
  type StateTtlConfig,
  type ValueStateDescriptor,
  valueState,
} from './descriptors.ts';
export type { KeyedStateStore, OperatorStateStore } from './stateStores.ts';
export type { AggregatingState, ListState, MapState, ReducingState, ValueState } from './states.ts';
