import {
  InvalidArgumentError,
  ScopeNotFoundError,
  SegmentNotFoundError,
  StoreError,
  StreamSealedError,
} from '../errors/index.ts';
import { evenRanges } from '../model/index.ts';
import { type Args, int, list, name, optCut } from '../wire/index.ts';
import type { ControllerMetadata } from './ControllerMetadata.ts';
import type { OperationLog } from './OperationLog.ts';
import { parseConfig, parseRange } from './streamArgs.ts';

/**
 * The controller's scope and stream requests (Pravega's StreamMetadataTasks, plus the stream queries of its
 * ControllerService): create and delete scopes and streams, seal, scale, truncate, and where the segments are. A
 * mutation is validated here, then journaled through the log and answered once durable; its effect on memory is in
 * applyRecord. The event-rate policy (EventRateScaler) journals its scales directly.
 */
export class StreamMetadataTasks {
  constructor(
    private readonly metadata: ControllerMetadata,
    private readonly log: OperationLog,
  ) {}

  async createScope(a: Args): Promise<{ created: boolean }> {
    const scope = name(a, 'scope');
    if (this.metadata.scopes.has(scope)) return { created: false };
    await this.log.record({ op: 'scope.create', scope });
    return { created: true };
  }

  async deleteScope(a: Args): Promise<{ deleted: boolean }> {
    const scope = name(a, 'scope');
    if (!this.metadata.scopes.has(scope)) return { deleted: false };
    for (const s of this.metadata.streams.values()) {
      if (s.scope === scope) throw new StoreError('NOT_EMPTY', `scope '${scope}' still has stream '${s.name}'`);
    }
    await this.log.record({ op: 'scope.delete', scope });
    return { deleted: true };
  }

  async listScopes(): Promise<string[]> {
    return [...this.metadata.scopes];
  }

  async listStreams(a: Args): Promise<string[]> {
    const scope = name(a, 'scope');
    if (!this.metadata.scopes.has(scope)) throw new ScopeNotFoundError(scope);
    return [...this.metadata.streams.values()].filter((s) => s.scope === scope).map((s) => s.name);
  }

  async createStream(a: Args): Promise<{ created: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const config = parseConfig(a.config, `${scope}/${stream}`);
    if (!this.metadata.scopes.has(scope)) throw new ScopeNotFoundError(scope);
    if (this.metadata.findStream(scope, stream)) return { created: false };
    const ranges = evenRanges(config.scalingPolicy.minNumSegments);
    await this.log.record({ op: 'stream.create', scope, stream, config, ranges });
    return { created: true };
  }

  async sealStream(a: Args): Promise<void> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) return;
    await this.log.record({ op: 'stream.seal', scope: s.scope, stream: s.name });
  }

  async deleteStream(a: Args): Promise<{ deleted: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const s = this.metadata.findStream(scope, stream);
    if (!s) return { deleted: false };
    if (!s.sealed) throw new InvalidArgumentError(`stream '${scope}/${stream}' must be sealed before it is deleted`);
    await this.log.record({ op: 'stream.delete', scope, stream });
    return { deleted: true };
  }

  async scaleStream(a: Args): Promise<{ epoch: number; segments: { id: number; low: number; high: number }[] }> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) throw new StreamSealedError(s.scope, s.name);
    const sealed = list(a, 'sealed').map((x) => {
      if (typeof x !== 'number') throw new InvalidArgumentError('sealed segment ids must be numbers');
      return x;
    });
    const ranges = list(a, 'ranges').map(parseRange);
    s.validateScale(sealed, ranges);
    await this.log.record({ op: 'stream.scale', scope: s.scope, stream: s.name, sealed, ranges });
    return { epoch: s.epoch, segments: s.activeWithRanges() };
  }

  async truncateStream(a: Args): Promise<void> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    const cut = optCut(a, 'cut');
    if (!cut) throw new InvalidArgumentError('truncateStream needs a stream cut');
    for (const [id, off] of cut) {
      const seg = s.segments.get(id);
      if (!seg) throw new SegmentNotFoundError(`${s.scope}/${s.name}/${id}`);
      if (off > seg.durableLength) throw new InvalidArgumentError(`cut offset ${off} is past the end of segment ${id}`);
    }
    await this.log.record({ op: 'stream.truncate', scope: s.scope, stream: s.name, cut: [...cut] });
  }

  async getStreamInfo(a: Args): Promise<unknown> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    const tail = s.active.map((id) => [id, s.segments.get(id)!.durableLength]);
    return {
      scope: s.scope,
      stream: s.name,
      config: s.config,
      sealed: s.sealed,
      epoch: s.epoch,
      activeSegments: s.activeWithRanges(),
      head: [...s.head],
      tail,
    };
  }

  async getCurrentSegments(a: Args): Promise<{ epoch: number; sealed: boolean; segments: unknown[] }> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    return { epoch: s.epoch, sealed: s.sealed, segments: s.sealed ? [] : s.activeWithRanges() };
  }

  async getSuccessors(a: Args): Promise<{ id: number; low: number; high: number; predecessors: number[] }[]> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    const seg = s.segments.get(int(a, 'segment'));
    if (!seg) throw new SegmentNotFoundError(`${s.scope}/${s.name}/${a.segment}`);
    return seg.successors.map((id) => {
      const n = s.segments.get(id)!;
      return { id, low: n.range.low, high: n.range.high, predecessors: [...n.predecessors] };
    });
  }

  async getSegmentsBetween(a: Args): Promise<{ segment: number; startOffset: number; endOffset: number }[]> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    return s.segmentsBetween(optCut(a, 'from'), optCut(a, 'to'));
  }
}
