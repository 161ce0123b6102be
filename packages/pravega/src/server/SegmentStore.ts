import {
  ConditionalCheckFailedError,
  InvalidArgumentError,
  SegmentSealedError,
  StoreError,
  StreamSealedError,
} from '../errors/index.ts';
import { bytesOfFirstEvents, countFramedEvents, EVENT_HEADER_BYTES, MAX_EVENT_BYTES } from '../model/index.ts';
import { type Args, bytes, int, name, optInt, optStr, str } from '../wire/index.ts';
import type { ControllerMetadata } from './ControllerMetadata.ts';
import type { OperationLog } from './OperationLog.ts';
import { type JournalReader, readEvents } from './readEvents.ts';

const MAX_READ_BYTES = 1024 * 1024;

/**
 * The segment store's requests (Pravega's segment container): appends, to a stream's segment or a transaction's
 * shadow, with the writer's idempotence check and conditional appends; the writer state a reconnecting writer
 * resumes from; segment info; and reads, which return only durable bytes and long-poll at the tail. The hot paths:
 * `append` (validate, then one journal record, answered once durable) and `read` (readEvents, preads).
 */
export class SegmentStore {
  constructor(
    private readonly metadata: ControllerMetadata,
    private readonly log: OperationLog,
    private readonly journal: JournalReader,
  ) {}

  async append(a: Args): Promise<{ offset: number; duplicate?: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const segment = int(a, 'segment');
    const txn = optStr(a, 'txn');
    const writer = optStr(a, 'writer');
    const eventNumber = optInt(a, 'eventNumber');
    const expectedOffset = optInt(a, 'expectedOffset');
    let data = bytes(a, 'data');
    const seg = this.metadata.segmentFor(scope, stream, segment, txn);
    if (seg.sealed) {
      if (txn === undefined && this.metadata.stream(scope, stream).sealed) throw new StreamSealedError(scope, stream);
      throw new SegmentSealedError(seg.name);
    }
    const count = countFramedEvents(data);
    if (count < 0) throw malformedBlock(data, seg.name);
    if (expectedOffset !== undefined && expectedOffset !== seg.length) {
      throw new ConditionalCheckFailedError(seg.name, expectedOffset, seg.length);
    }
    if (writer !== undefined && eventNumber !== undefined) {
      const last = seg.writers.get(writer) ?? -1;
      if (eventNumber <= last) {
        // A resent block: not stored again; answered once all journaled so far (its first copy too) is durable.
        await this.log.lastDurable;
        return { offset: seg.durableLength, duplicate: true };
      }
      const first = eventNumber - count + 1;
      if (first <= last) data = data.subarray(bytesOfFirstEvents(data, last - first + 1));
    }
    seg.eventsSinceSample += count;
    await this.log.record({ op: 'append', scope, stream, segment, txn, writer, eventNumber }, data);
    return { offset: seg.durableLength };
  }

  /** The last event number stored for `writer` in a segment (what a reconnecting writer resumes after). */
  async getWriterState(a: Args): Promise<{ lastEventNumber: number }> {
    const seg = this.metadata.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'), optStr(a, 'txn'));
    await this.log.lastDurable;
    return { lastEventNumber: seg.writers.get(str(a, 'writer')) ?? -1 };
  }

  async getSegmentInfo(a: Args): Promise<{ length: number; startOffset: number; sealed: boolean }> {
    const seg = this.metadata.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'));
    return { length: seg.durableLength, startOffset: seg.startOffset, sealed: seg.sealedDurable };
  }

  async read(a: Args): Promise<{
    data: Uint8Array;
    offset: number;
    endOfSegment: boolean;
    atTail: boolean;
    truncatedTo?: number;
  }> {
    const seg = this.metadata.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'));
    const offset = int(a, 'offset');
    const maxBytes = Math.min(optInt(a, 'maxBytes') ?? MAX_READ_BYTES, MAX_READ_BYTES);
    const waitMs = Math.min(optInt(a, 'waitMs') ?? 0, 60_000);
    if (offset < seg.startOffset) {
      return { data: new Uint8Array(0), offset, endOfSegment: false, atTail: false, truncatedTo: seg.startOffset };
    }
    if (offset > seg.durableLength) {
      throw new InvalidArgumentError(`offset ${offset} is past the end (${seg.durableLength}) of '${seg.name}'`);
    }
    if (offset === seg.durableLength && !seg.sealedDurable && waitMs > 0) await seg.waitForData(waitMs);
    if (offset === seg.durableLength) {
      return { data: new Uint8Array(0), offset, endOfSegment: seg.sealedDurable, atTail: true };
    }
    const data = await readEvents(this.journal, seg, offset, maxBytes);
    const end = offset + data.byteLength;
    return {
      data,
      offset,
      endOfSegment: seg.sealedDurable && end === seg.durableLength,
      atTail: end === seg.durableLength,
    };
  }
}

function malformedBlock(data: Uint8Array, segment: string): StoreError {
  if (data.byteLength >= EVENT_HEADER_BYTES) {
    const len = new DataView(data.buffer, data.byteOffset).getInt32(4);
    if (len > MAX_EVENT_BYTES) {
      return new StoreError('EVENT_TOO_LARGE', `event of ${len} bytes for '${segment}' exceeds ${MAX_EVENT_BYTES}`);
    }
  }
  return new InvalidArgumentError(`append to '${segment}': data is not whole framed events`);
}
