import type { StreamNode } from '@dhara/core/internal';
import { attributeTo, OperatorError } from '../../errors/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { Output, StreamOperator } from '../operators/index.ts';
import type { SideOutputs } from './SideOutputs.ts';

/**
 * Hands records and watermarks to a chained operator as plain calls, never serialized (Flink's ChainingOutput). A
 * record counts towards the operator's injected faults; an exception names the operator, unless an operator further
 * down the chain already claimed it.
 */
export class ChainingOutput implements Output {
  private readonly countsRecords: boolean;

  /**
   * `sideOutputs`: the side outputs of the operator whose whole output this is (its only main target); undefined when
   * it is one of several targets.
   */
  constructor(
    private readonly node: StreamNode,
    private readonly operator: StreamOperator,
    private readonly faults: FaultInjector,
    private readonly sideOutputs: SideOutputs | undefined,
  ) {
    this.countsRecords = faults.countsRecords(node.uid);
  }

  emit(value: unknown, timestamp: number | undefined): void {
    try {
      if (this.countsRecords) this.faults.onRecord(this.node.uid);
      this.operator.processElement(value, timestamp, 0);
    } catch (error) {
      throw error instanceof OperatorError ? error : new OperatorError(this.node.name, this.node.uid, error);
    }
  }

  emitSide(tag: string, value: unknown, timestamp: number | undefined): void {
    this.sideOutputs?.emit(tag, value, timestamp);
  }

  emitWatermark(watermark: number): void {
    const { node, operator } = this;
    attributeTo(node.name, node.uid, () => operator.processWatermark(watermark));
    this.sideOutputs?.emitWatermark(watermark);
  }

  emitWatermarkStatus(idle: boolean): void {
    const { node, operator } = this;
    attributeTo(node.name, node.uid, () => operator.processWatermarkStatus(idle));
    this.sideOutputs?.emitWatermarkStatus(idle);
  }
}
