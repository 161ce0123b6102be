import { pack } from 'msgpackr';
import { InvalidArgumentError } from '../errors/index.ts';
import { safeUnpack } from './StreamCut.ts';

export interface SegmentPosition {
  readonly scope: string;
  readonly stream: string;
  readonly segment: number;
  readonly offset: number;
}

/** Where one reader stands: the offset of the next event in every segment it owns. */
export class Position {
  constructor(readonly segments: readonly SegmentPosition[]) {}

  offsetOf(scope: string, stream: string, segment: number): number | undefined {
    return this.segments.find((s) => s.scope === scope && s.stream === stream && s.segment === segment)?.offset;
  }

  toBytes(): Uint8Array {
    return pack(this.segments.map((s) => [s.scope, s.stream, s.segment, s.offset]));
  }

  static fromBytes(bytes: Uint8Array): Position {
    const plain = safeUnpack(bytes, 'Position');
    if (!Array.isArray(plain)) throw new InvalidArgumentError('not a serialised Position');
    return new Position(
      plain.map((p: unknown) => {
        if (!Array.isArray(p) || p.length !== 4) throw new InvalidArgumentError('not a serialised Position');
        return { scope: String(p[0]), stream: String(p[1]), segment: Number(p[2]), offset: Number(p[3]) };
      }),
    );
  }
}
