export { NetworkInput } from './NetworkInput.ts';
export { RecordBatchCursor } from './RecordBatchCursor.ts';
export type { StepResult, TaskInput } from './TaskInput.ts';
export { WakeSignal } from './WakeSignal.ts';
