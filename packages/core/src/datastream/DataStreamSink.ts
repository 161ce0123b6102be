import { InvalidGraphError } from '../errors/index.ts';
import type { GraphBuilder } from '../graph/index.ts';
import { checkParallelism } from './operatorSettings.ts';

/** The end of a pipeline: a sink operator, with the operator settings. */
export class DataStreamSink {
  /** @internal */
  constructor(
    private readonly graph: GraphBuilder,
    private readonly nodeId: number,
  ) {}

  name(name: string): this {
    this.graph.draft(this.nodeId).name = name;
    return this;
  }

  uid(uid: string): this {
    if (uid.length === 0) throw new InvalidGraphError('uid: the uid must not be empty');
    this.graph.draft(this.nodeId).uid = uid;
    return this;
  }

  setParallelism(parallelism: number): this {
    checkParallelism(parallelism, 'setParallelism');
    this.graph.draft(this.nodeId).parallelism = parallelism;
    return this;
  }

  disableChaining(): this {
    this.graph.draft(this.nodeId).chainable = false;
    return this;
  }
}
