// Inside a segment every event is an 8-byte header (int32 type = 0 EVENT, int32 length, big-endian, as Pravega's
// wire `Event` command) followed by its payload, so offsets fall on event boundaries.
export const EVENT_HEADER_BYTES = 8;
export const EVENT_TYPE = 0;
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;

/** Walk a block of framed events; returns the event count, or -1 if the block is not whole, well-formed events. */
export function countFramedEvents(block: Uint8Array): number {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let at = 0;
  let n = 0;
  while (at < block.byteLength) {
    if (at + EVENT_HEADER_BYTES > block.byteLength) return -1;
    const type = view.getInt32(at);
    const len = view.getInt32(at + 4);
    if (type !== EVENT_TYPE || len < 0 || len > MAX_EVENT_BYTES) return -1;
    at += EVENT_HEADER_BYTES + len;
    n++;
  }
  return at === block.byteLength ? n : -1;
}

/** Byte length of the first `count` events of a framed block. */
export function bytesOfFirstEvents(block: Uint8Array, count: number): number {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let at = 0;
  for (let i = 0; i < count; i++) at += EVENT_HEADER_BYTES + view.getInt32(at + 4);
  return at;
}

/** Split framed bytes into payloads (each a view, no copy). */
export function* framedEvents(block: Uint8Array): Generator<Uint8Array> {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let at = 0;
  while (at + EVENT_HEADER_BYTES <= block.byteLength) {
    const len = view.getInt32(at + 4);
    yield block.subarray(at + EVENT_HEADER_BYTES, at + EVENT_HEADER_BYTES + len);
    at += EVENT_HEADER_BYTES + len;
  }
}
