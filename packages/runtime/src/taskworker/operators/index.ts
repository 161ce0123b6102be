export { createOperator } from './createOperator.ts';
export { BaseOperator, type OperatorContext, type Output, type StreamOperator } from './StreamOperator.ts';
