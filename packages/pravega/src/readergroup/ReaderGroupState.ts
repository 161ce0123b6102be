// The shared state of a reader group, rebuilt by every process from the same ordered log of updates (the state
// synchronizer's segment). `apply` must be deterministic: all processes see the same updates in the same order.

/** `scope/stream/segmentId`: how the group names a segment. */
export type SegmentKey = string;

export function segmentKey(scope: string, stream: string, id: number): SegmentKey {
  return `${scope}/${stream}/${id}`;
}

export function parseSegmentKey(key: SegmentKey): { scope: string; stream: string; id: number } {
  const [scope, stream, id] = key.split('/');
  return { scope: scope!, stream: stream!, id: Number(id) };
}

export interface GroupStreamConfig {
  readonly scope: string;
  readonly stream: string;
  /** Start and end cuts as [segmentId, offset] pairs; null = head / unbounded. */
  readonly start: [number, number][] | null;
  readonly end: [number, number][] | null;
}

export interface GroupConfig {
  readonly streams: GroupStreamConfig[];
  readonly maxOutstandingCheckpointRequest: number;
}

export interface Successor {
  readonly key: SegmentKey;
  readonly predecessors: SegmentKey[];
}

export type GroupUpdate =
  | {
      readonly t: 'init';
      readonly generation: number;
      readonly config: GroupConfig;
      readonly segments: [SegmentKey, number][];
      readonly endOffsets: [SegmentKey, number][];
    }
  | { readonly t: 'addReader'; readonly reader: string }
  | { readonly t: 'removeReader'; readonly reader: string; readonly position: [SegmentKey, number][] | null }
  | { readonly t: 'acquire'; readonly reader: string; readonly key: SegmentKey }
  | { readonly t: 'release'; readonly reader: string; readonly key: SegmentKey; readonly offset: number }
  | {
      readonly t: 'complete';
      readonly reader: string;
      readonly key: SegmentKey;
      readonly endOffset: number;
      readonly successors: Successor[];
    }
  | { readonly t: 'createCheckpoint'; readonly name: string; readonly silent: boolean }
  | {
      readonly t: 'checkpointReader';
      readonly name: string;
      readonly reader: string;
      readonly positions: [SegmentKey, number][];
    }
  | { readonly t: 'cancelCheckpoints' };

export interface CheckpointProgress {
  readonly name: string;
  readonly silent: boolean;
  readonly pending: Set<string>;
  readonly positions: Map<SegmentKey, number>;
}

export interface CompletedCheckpoint {
  readonly name: string;
  readonly silent: boolean;
  readonly positions: Map<SegmentKey, number>;
}

export class ReaderGroupState {
  initialized = false;
  generation = 0;
  config: GroupConfig = { streams: [], maxOutstandingCheckpointRequest: 3 };
  /** Reader -> segments it owns, with the offset it got them at (or its last checkpointed offset). */
  readers = new Map<string, Map<SegmentKey, number>>();
  unassigned = new Map<SegmentKey, number>();
  /** Successors waiting for predecessors to be completed. */
  future = new Map<SegmentKey, Set<SegmentKey>>();
  /** Completed segments with their end offset (a cut names them while their successors wait). */
  completed = new Map<SegmentKey, number>();
  endOffsets = new Map<SegmentKey, number>();
  checkpoints: CheckpointProgress[] = [];
  /** Successor -> all of its predecessors, remembered from `complete` updates. */
  allPredecessors = new Map<SegmentKey, Set<SegmentKey>>();
  /** Completed checkpoints (silent ones too), newest last; a few are kept. */
  done: CompletedCheckpoint[] = [];

  get totalSegments(): number {
    let n = this.unassigned.size;
    for (const segs of this.readers.values()) n += segs.size;
    return n;
  }

  /** Nothing left to read: every segment completed and none waiting. */
  get allCompleted(): boolean {
    return this.initialized && this.totalSegments === 0 && this.future.size === 0;
  }

  fairShare(): number {
    return Math.ceil(this.totalSegments / Math.max(1, this.readers.size));
  }

  pendingCheckpointFor(reader: string): CheckpointProgress | undefined {
    return this.checkpoints.find((c) => c.pending.has(reader));
  }

  outstandingCount(): number {
    return this.checkpoints.filter((c) => !c.silent).length;
  }

  lastCheckpoint(): CompletedCheckpoint | undefined {
    return this.done.findLast((c) => !c.silent);
  }

  ownerOf(key: SegmentKey): string | undefined {
    for (const [r, segs] of this.readers) if (segs.has(key)) return r;
    return undefined;
  }

  apply(u: GroupUpdate): void {
    switch (u.t) {
      case 'init':
        this.initialized = true;
        this.generation = u.generation;
        this.config = u.config;
        this.readers = new Map();
        this.unassigned = new Map(u.segments);
        this.future = new Map();
        this.completed = new Map();
        this.endOffsets = new Map(u.endOffsets);
        this.allPredecessors = new Map();
        this.checkpoints = [];
        return;
      case 'addReader':
        if (!this.readers.has(u.reader)) this.readers.set(u.reader, new Map());
        return;
      case 'removeReader': {
        const owned = this.readers.get(u.reader);
        if (!owned) return;
        const given = u.position ? new Map(u.position) : undefined;
        for (const [key, offset] of owned) this.unassigned.set(key, given?.get(key) ?? offset);
        this.readers.delete(u.reader);
        // A reader going offline counts as done with every pending checkpoint, at the offsets it handed back.
        for (const c of this.checkpoints) {
          if (!c.pending.delete(u.reader)) continue;
          for (const key of owned.keys()) c.positions.set(key, this.unassigned.get(key)!);
        }
        this.completeCheckpoints();
        return;
      }
      case 'acquire': {
        const offset = this.unassigned.get(u.key);
        const owned = this.readers.get(u.reader);
        if (offset === undefined || !owned) return;
        this.unassigned.delete(u.key);
        owned.set(u.key, offset);
        return;
      }
      case 'release': {
        const owned = this.readers.get(u.reader);
        if (!owned?.delete(u.key)) return;
        this.unassigned.set(u.key, u.offset);
        return;
      }
      case 'complete': {
        this.readers.get(u.reader)?.delete(u.key);
        this.unassigned.delete(u.key);
        this.completed.set(u.key, u.endOffset);
        for (const s of u.successors) {
          if (this.known(s.key)) continue;
          this.future.set(s.key, new Set(s.predecessors));
          this.allPredecessors.set(s.key, new Set(s.predecessors));
        }
        for (const [key, waiting] of this.future) {
          waiting.delete(u.key);
          for (const p of waiting) if (this.completed.has(p)) waiting.delete(p);
          if (waiting.size === 0) {
            this.future.delete(key);
            this.unassigned.set(key, 0);
          }
        }
        return;
      }
      case 'createCheckpoint': {
        if (this.checkpoints.some((c) => c.name === u.name)) return;
        const positions = new Map(this.unassigned);
        // Completed predecessors of waiting successors keep their key ranges covered in the cut.
        for (const [key, off] of this.completed) if (this.isPredecessorOfFuture(key)) positions.set(key, off);
        this.checkpoints.push({ name: u.name, silent: u.silent, pending: new Set(this.readers.keys()), positions });
        this.completeCheckpoints();
        return;
      }
      case 'checkpointReader': {
        const c = this.checkpoints.find((x) => x.name === u.name);
        if (!c?.pending.delete(u.reader)) return;
        for (const [key, off] of u.positions) c.positions.set(key, off);
        // What the reader owns is now safe to hand over at these offsets.
        const owned = this.readers.get(u.reader);
        if (owned) for (const [key, off] of u.positions) if (owned.has(key)) owned.set(key, off);
        this.completeCheckpoints();
        return;
      }
      case 'cancelCheckpoints':
        this.checkpoints = this.checkpoints.filter((c) => c.silent);
        return;
    }
  }

  private known(key: SegmentKey): boolean {
    return (
      this.unassigned.has(key) || this.future.has(key) || this.completed.has(key) || this.ownerOf(key) !== undefined
    );
  }

  private isPredecessorOfFuture(key: SegmentKey): boolean {
    for (const fkey of this.future.keys()) if (this.allPredecessors.get(fkey)?.has(key)) return true;
    return false;
  }

  private completeCheckpoints(): void {
    const remaining: CheckpointProgress[] = [];
    for (const c of this.checkpoints) {
      if (c.pending.size === 0) {
        this.coverFinishedStreams(c.positions);
        this.done.push({ name: c.name, silent: c.silent, positions: c.positions });
        if (this.done.length > 10) this.done.shift();
      } else remaining.push(c);
    }
    this.checkpoints = remaining;
  }

  /**
   * A stream read to its end (every segment completed by the time each reader checkpointed) would have no position
   * in the checkpoint, and a reset to it would read the stream again from its start cut. Its cut is its tail instead:
   * the last segments (no successor known) at their end offsets, where a reset reader finds nothing more to read.
   */
  private coverFinishedStreams(positions: Map<SegmentKey, number>): void {
    const predecessors = new Set<SegmentKey>();
    for (const set of this.allPredecessors.values()) for (const key of set) predecessors.add(key);
    for (const { scope, stream } of this.config.streams) {
      const prefix = `${scope}/${stream}/`;
      if ([...positions.keys()].some((key) => key.startsWith(prefix))) continue;
      for (const [key, end] of this.completed) {
        if (key.startsWith(prefix) && !predecessors.has(key)) positions.set(key, end);
      }
    }
  }
}
