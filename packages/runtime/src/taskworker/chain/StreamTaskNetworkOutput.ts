import type { StreamNode } from '@dhara/core/internal';
import { attributeTo, OperatorError } from '../../errors/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { StreamOperator } from '../operators/index.ts';

/** Hands one record to the head operator, on its input 0 or 1 (a data frame's records go through this one by one). */
export type EmitRecord = (value: unknown, timestamp: number | undefined, inputIndex: 0 | 1) => void;

/**
 * Where the task's network input hands what it took off the input gate (Flink's StreamTaskNetworkOutput): records into
 * the chain's head operator, on the input they arrived on; the combined watermark and status likewise. A record counts
 * towards the head's injected faults; an exception names the head, unless an operator further down already claimed it.
 */
export class StreamTaskNetworkOutput {
  private readonly countsRecords: boolean;

  constructor(
    private readonly node: StreamNode,
    private readonly operator: StreamOperator,
    private readonly faults: FaultInjector,
  ) {
    this.countsRecords = faults.countsRecords(node.uid);
  }

  /** A field, not a method: a data frame's cursor is handed this function and calls it once per record. */
  readonly emitRecord: EmitRecord = (value, timestamp, inputIndex) => {
    try {
      if (this.countsRecords) this.faults.onRecord(this.node.uid);
      this.operator.processElement(value, timestamp, inputIndex);
    } catch (error) {
      throw error instanceof OperatorError ? error : new OperatorError(this.node.name, this.node.uid, error);
    }
  };

  emitWatermark(watermark: number): void {
    const { node, operator } = this;
    attributeTo(node.name, node.uid, () => operator.processWatermark(watermark));
  }

  emitWatermarkStatus(idle: boolean): void {
    const { node, operator } = this;
    attributeTo(node.name, node.uid, () => operator.processWatermarkStatus(idle));
  }
}
