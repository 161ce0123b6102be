/** A message between a split enumerator and its readers; plain data. */
export type SourceEvent = unknown;
