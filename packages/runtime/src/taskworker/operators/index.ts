export { createOperator } from './createOperator.ts';
export type { OperatorContext, Output, StreamOperator } from './StreamOperator.ts';
