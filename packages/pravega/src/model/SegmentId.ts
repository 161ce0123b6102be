// A segment id is 64 bits: the creation epoch in the high 32, the segment number in the low 32 (as Pravega's
// NameUtils). Held as a JS number, which is exact while the epoch stays below 2^21.
const TWO_32 = 2 ** 32;

export function segmentId(epoch: number, segmentNumber: number): number {
  return epoch * TWO_32 + segmentNumber;
}

export function epochOf(id: number): number {
  return Math.floor(id / TWO_32);
}

export function segmentNumberOf(id: number): number {
  return id % TWO_32;
}

/** Pravega's qualified name: `scope/stream/<number>.#epoch.<epoch>`. */
export function segmentName(scope: string, stream: string, id: number): string {
  return `${scope}/${stream}/${segmentNumberOf(id)}.#epoch.${epochOf(id)}`;
}

export function txnSegmentName(scope: string, stream: string, id: number, txnId: string): string {
  return `${segmentName(scope, stream, id)}#transaction.${txnId}`;
}
