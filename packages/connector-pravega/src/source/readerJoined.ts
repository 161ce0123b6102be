/**
 * The source event a reader sends to the enumerator once its Pravega reader is online in the group. The master hook
 * starts a reader-group checkpoint only when every reader of the attempt has joined: a reader-group checkpoint
 * involves the readers online when it starts, and a reader that joins later never returns its marker, so its task
 * would never place that checkpoint's barrier (and the downstream alignment would see the next barrier first).
 */
export interface ReaderJoinedEvent {
  readonly type: 'pravega-reader-joined';
  readonly readerId: string;
}

export function readerJoined(readerId: string): ReaderJoinedEvent {
  return { type: 'pravega-reader-joined', readerId };
}

export function isReaderJoined(event: unknown): event is ReaderJoinedEvent {
  return (event as Partial<ReaderJoinedEvent> | null)?.type === 'pravega-reader-joined';
}
