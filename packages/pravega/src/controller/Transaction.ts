import type { Segment } from '../segmentstore/index.ts';

export type TxnState = 'OPEN' | 'COMMITTING' | 'COMMITTED' | 'ABORTING' | 'ABORTED';

/** A transaction: one shadow segment per segment of the epoch it began in. */
export interface TxnMetadata {
  readonly id: string;
  readonly scope: string;
  readonly stream: string;
  readonly epoch: number;
  /** Parent segment id -> shadow segment. */
  readonly shadows: Map<number, Segment>;
  state: TxnState;
  readonly leaseMs: number;
  deadline: number;
}
