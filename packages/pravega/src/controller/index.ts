export { StreamMetadata } from './StreamMetadata.ts';
export type { TxnMetadata, TxnState } from './Transaction.ts';
