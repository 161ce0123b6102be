/**
 * A piece of a source's input that one reader reads, e.g. a file range. Splits are plain data: they travel between
 * threads by structured clone and are stored in checkpoints with msgpack unless the source gives a serializer.
 */
export interface SourceSplit {
  readonly splitId: string;
}
