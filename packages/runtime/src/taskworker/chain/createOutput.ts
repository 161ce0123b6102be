import type { StreamNode } from '@dhara/core/internal';
import type { FaultInjector } from '../../faults/index.ts';
import type { FrameCodec, RecordWriter } from '../../network/index.ts';
import type { Output, StreamOperator } from '../operators/index.ts';
import { BroadcastingOutput } from './BroadcastingOutput.ts';
import { ChainingOutput } from './ChainingOutput.ts';
import { RecordWriterOutput } from './RecordWriterOutput.ts';
import { SideOutputs } from './SideOutputs.ts';

/** Where one operator's records go. */
export interface OutputTargets {
  /** The chained operators that follow it (never through a side output). */
  readonly chained: readonly { readonly node: StreamNode; readonly operator: StreamOperator }[];
  /** The network writers of its main output. */
  readonly writers: readonly RecordWriter[];
  /** The network writers of its side outputs, with their tags. */
  readonly sideWriters: readonly (readonly [tag: string, writer: RecordWriter])[];
}

/**
 * The output an operator is handed. With exactly one main target, that target itself — a record then takes one call
 * to reach the next operator or the network — carrying the operator's side outputs; with several or none, a
 * BroadcastingOutput over them.
 */
export function createOutput(targets: OutputTargets, codec: FrameCodec, faults: FaultInjector): Output {
  const sideOutputs =
    targets.sideWriters.length === 0
      ? undefined
      : new SideOutputs(
          targets.sideWriters.map(([tag, writer]) => [tag, new RecordWriterOutput(writer, codec, undefined)]),
        );
  const only = targets.chained.length + targets.writers.length === 1;
  const carried = only ? sideOutputs : undefined;
  const outputs: Output[] = [
    ...targets.chained.map(({ node, operator }) => new ChainingOutput(node, operator, faults, carried)),
    ...targets.writers.map((writer) => new RecordWriterOutput(writer, codec, carried)),
  ];
  return only ? outputs[0]! : new BroadcastingOutput(outputs, sideOutputs);
}
