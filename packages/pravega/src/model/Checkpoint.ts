import { pack } from 'msgpackr';
import { InvalidArgumentError } from '../errors/index.ts';
import { StreamCut, safeUnpack } from './StreamCut.ts';

/** A completed reader-group checkpoint: its name and one stream cut per stream the group reads. */
export class Checkpoint {
  constructor(
    readonly name: string,
    readonly streamCuts: ReadonlyMap<string, StreamCut>,
  ) {}

  toBytes(): Uint8Array {
    return pack([this.name, [...this.streamCuts.values()].map((c) => c.toPlain())]);
  }

  toText(): string {
    return Buffer.from(this.toBytes()).toString('base64');
  }

  static fromBytes(bytes: Uint8Array): Checkpoint {
    const plain = safeUnpack(bytes, 'Checkpoint');
    if (!Array.isArray(plain) || typeof plain[0] !== 'string' || !Array.isArray(plain[1])) {
      throw new InvalidArgumentError('not a serialised Checkpoint');
    }
    const cuts = new Map<string, StreamCut>();
    for (const c of plain[1]) {
      const cut = StreamCut.fromPlain(c);
      cuts.set(cut.scopedStream, cut);
    }
    return new Checkpoint(plain[0], cuts);
  }

  static fromText(text: string): Checkpoint {
    return Checkpoint.fromBytes(Buffer.from(text, 'base64'));
  }
}
