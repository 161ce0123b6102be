import { InvalidGraphError } from '../errors/index.ts';
import { fingerprintOf, outlineOf } from './fingerprint.ts';
import type { OperatorSpec, PartitionerSpec } from './OperatorSpec.ts';
import type { StreamEdge, StreamGraph, StreamNode } from './StreamGraph.ts';

/** Where a stream comes from: an operator's main output or one of its side outputs, with the partitioning asked. */
export interface StreamEnd {
  readonly nodeId: number;
  readonly partitioner: PartitionerSpec | undefined;
  readonly sideOutput: string | undefined;
}

interface NodeDraft {
  readonly id: number;
  uid: string | undefined;
  name: string;
  readonly spec: OperatorSpec;
  parallelism: number | undefined;
  chainable: boolean;
  readonly inputs: readonly { readonly end: StreamEnd; readonly inputIndex: 0 | 1 }[];
}

const DEFAULT_NAMES: Record<OperatorSpec['kind'], string> = {
  source: 'Source',
  map: 'Map',
  flatMap: 'FlatMap',
  filter: 'Filter',
  process: 'Process',
  keyedReduce: 'Keyed Reduce',
  coProcess: 'Co-Process',
  timestampsAndWatermarks: 'Timestamps/Watermarks',
  keyedProcess: 'Keyed Process',
  window: 'Window',
  sink: 'Sink',
};

/** Collects the operators that `build` creates, then resolves them into a stream graph. */
export class GraphBuilder {
  private readonly drafts: NodeDraft[] = [];

  add(spec: OperatorSpec, inputs: readonly { end: StreamEnd; inputIndex: 0 | 1 }[], name?: string): number {
    const id = this.drafts.length;
    this.drafts.push({
      id,
      uid: undefined,
      name: name ?? DEFAULT_NAMES[spec.kind],
      spec,
      parallelism: undefined,
      chainable: true,
      inputs,
    });
    return id;
  }

  /** The sources declared so far, with their names. */
  sourceSpecs(): { name: string; source: Extract<OperatorSpec, { kind: 'source' }>['source'] }[] {
    return this.drafts.flatMap((d) => (d.spec.kind === 'source' ? [{ name: d.name, source: d.spec.source }] : []));
  }

  draft(id: number): NodeDraft {
    return this.drafts[id]!;
  }

  finish(
    jobName: string,
    defaultParallelism: number,
    maxParallelism: number,
    settings: Pick<StreamGraph, 'autoWatermarkIntervalMs' | 'checkpointConfig' | 'restartStrategy' | 'runtimeMode'>,
  ): StreamGraph {
    if (this.drafts.length === 0) {
      throw new InvalidGraphError(`job '${jobName}': build(env) defined no operators`);
    }
    const uids = new Map<string, number>();
    const nodes: StreamNode[] = [];
    for (const draft of this.drafts) {
      const parallelism = draft.parallelism ?? defaultParallelism;
      const where = `operator '${draft.name}' (#${draft.id})`;
      if (parallelism > maxParallelism) {
        throw new InvalidGraphError(
          `job '${jobName}': ${where} has parallelism ${parallelism}, above the max parallelism ${maxParallelism}`,
        );
      }
      const uid = draft.uid ?? `auto-${draft.id}-${draft.spec.kind}`;
      const clash = uids.get(uid);
      if (clash !== undefined) {
        throw new InvalidGraphError(`job '${jobName}': uid '${uid}' is used by operators #${clash} and #${draft.id}`);
      }
      uids.set(uid, draft.id);
      const inputs = draft.inputs.map(({ end, inputIndex }): StreamEdge => {
        const upstream = nodes[end.nodeId]!;
        return {
          sourceId: end.nodeId,
          targetId: draft.id,
          inputIndex,
          partitioner: resolvePartitioner(end.partitioner, upstream, parallelism, `${where} in job '${jobName}'`),
          sideOutput: end.sideOutput,
        };
      });
      nodes.push({
        id: draft.id,
        uid,
        name: draft.name,
        spec: draft.spec,
        parallelism,
        maxParallelism,
        chainable: draft.chainable,
        inputs,
      });
    }
    const outline = nodes.map(outlineOf);
    return { jobName, maxParallelism, ...settings, nodes, outline, fingerprint: fingerprintOf(outline) };
  }
}

function resolvePartitioner(
  asked: PartitionerSpec | undefined,
  upstream: StreamNode,
  parallelism: number,
  where: string,
): PartitionerSpec {
  if (asked === undefined) {
    return upstream.parallelism === parallelism ? { kind: 'forward' } : { kind: 'rebalance' };
  }
  if (asked.kind === 'forward' && upstream.parallelism !== parallelism) {
    throw new InvalidGraphError(
      `${where}: a forward edge needs equal parallelism, but '${upstream.name}' has ${upstream.parallelism} ` +
        `and this operator ${parallelism}; use rebalance() or keyBy()`,
    );
  }
  return asked;
}
