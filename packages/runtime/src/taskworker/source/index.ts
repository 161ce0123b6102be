export { SourceOperator, type SourceOperatorEvent, type SourceSpec } from './SourceOperator.ts';
