/** How a client talks to a store: one call = one operation, answered or failed with a StoreError. */
export interface Connection {
  call<T = unknown>(op: string, args: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}
