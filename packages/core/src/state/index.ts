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
export type {
  AggregatingState,
  KeyedStateStore,
  ListState,
  MapState,
  OperatorStateStore,
  ReducingState,
  ValueState,
} from './handles.ts';
