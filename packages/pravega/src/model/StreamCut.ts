import { pack, unpack } from 'msgpackr';
import { InvalidArgumentError } from '../errors/index.ts';

/**
 * A consistent point in one stream: segment id -> offset (an event boundary), covering the whole key space.
 * Serialisable to bytes and to base64 text (the form Table options carry).
 */
export class StreamCut {
  constructor(
    readonly scope: string,
    readonly stream: string,
    readonly positions: ReadonlyMap<number, number>,
  ) {}

  get scopedStream(): string {
    return `${this.scope}/${this.stream}`;
  }

  toBytes(): Uint8Array {
    return pack(this.toPlain());
  }

  toText(): string {
    return Buffer.from(this.toBytes()).toString('base64');
  }

  toPlain(): [string, string, [number, number][]] {
    return [this.scope, this.stream, [...this.positions]];
  }

  static fromPlain(plain: unknown): StreamCut {
    if (!Array.isArray(plain) || plain.length !== 3 || typeof plain[0] !== 'string' || typeof plain[1] !== 'string') {
      throw new InvalidArgumentError('not a serialised StreamCut');
    }
    const entries = plain[2];
    if (!Array.isArray(entries)) throw new InvalidArgumentError('not a serialised StreamCut');
    const positions = new Map<number, number>();
    for (const e of entries) {
      if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'number') {
        throw new InvalidArgumentError('not a serialised StreamCut');
      }
      positions.set(e[0], e[1]);
    }
    return new StreamCut(plain[0], plain[1], positions);
  }

  static fromBytes(bytes: Uint8Array): StreamCut {
    return StreamCut.fromPlain(safeUnpack(bytes, 'StreamCut'));
  }

  static fromText(text: string): StreamCut {
    return StreamCut.fromBytes(Buffer.from(text, 'base64'));
  }

  equals(other: StreamCut): boolean {
    if (other.scopedStream !== this.scopedStream || other.positions.size !== this.positions.size) return false;
    for (const [s, o] of this.positions) if (other.positions.get(s) !== o) return false;
    return true;
  }

  toString(): string {
    const parts = [...this.positions].map(([s, o]) => `${s}:${o}`).join(',');
    return `${this.scopedStream}{${parts}}`;
  }
}

export function safeUnpack(bytes: Uint8Array, what: string): unknown {
  try {
    return unpack(bytes);
  } catch (cause) {
    throw new InvalidArgumentError(`bytes are not a serialised ${what}: ${(cause as Error).message}`);
  }
}
