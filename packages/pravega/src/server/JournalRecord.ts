import type { KeyRange, StreamConfiguration } from '../model/index.ts';

/** Every operation the store journals; replaying them in order rebuilds the whole state. */
export type JournalRecord =
  | { readonly op: 'scope.create'; readonly scope: string }
  | { readonly op: 'scope.delete'; readonly scope: string }
  | {
      readonly op: 'stream.create';
      readonly scope: string;
      readonly stream: string;
      readonly config: StreamConfiguration;
      readonly ranges: KeyRange[];
    }
  | { readonly op: 'stream.delete'; readonly scope: string; readonly stream: string }
  | { readonly op: 'stream.seal'; readonly scope: string; readonly stream: string }
  | {
      readonly op: 'stream.scale';
      readonly scope: string;
      readonly stream: string;
      readonly sealed: number[];
      readonly ranges: KeyRange[];
    }
  | {
      readonly op: 'stream.truncate';
      readonly scope: string;
      readonly stream: string;
      readonly cut: [number, number][];
    }
  | {
      readonly op: 'append';
      readonly scope: string;
      readonly stream: string;
      readonly segment: number;
      readonly txn?: string | undefined;
      /** Writer id and the event number of the block's last event (the idempotence attribute). */
      readonly writer?: string | undefined;
      readonly eventNumber?: number | undefined;
    }
  | {
      readonly op: 'txn.create';
      readonly id: string;
      readonly scope: string;
      readonly stream: string;
      readonly leaseMs: number;
    }
  | { readonly op: 'txn.commit'; readonly id: string }
  | { readonly op: 'txn.abort'; readonly id: string };
