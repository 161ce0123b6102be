// A small custom source to exercise the coordinator: readers say hello with a source event; the enumerator answers
// each hello with a welcome carrying the result of a callAsync, once that result is in (on the mailbox).
import { isMainThread } from 'node:worker_threads';
import {
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceEvent,
  type SourceReader,
  type SourceReaderContext,
  type SplitEnumerator,
  type SplitEnumeratorContext,
} from '@dhara/core';

export interface Welcome {
  readonly type: 'welcome';
  readonly to: number;
  readonly asyncResult: string;
  /** Where the callAsync handler ran: the job manager's thread, i.e. its mailbox. */
  readonly handlerOnMainThread: boolean;
}

type NoSplit = { readonly splitId: string };

class PingEnumerator implements SplitEnumerator<NoSplit, null> {
  private asyncResult: { value: string; onMain: boolean } | undefined;
  private readonly hellos: number[] = [];

  constructor(
    private readonly context: SplitEnumeratorContext<NoSplit>,
    private readonly failOnStart: boolean,
  ) {}

  start(): void {
    if (this.failOnStart) throw new Error('this enumerator refuses to start');
    this.context.callAsync(
      () => new Promise<string>((resolve) => setTimeout(() => resolve('computed off the mailbox'), 50)),
      (value, error) => {
        if (error !== undefined) throw error;
        this.asyncResult = { value: value!, onMain: isMainThread };
        this.answer();
      },
    );
  }

  handleSourceEvent(subtaskIndex: number, event: SourceEvent): void {
    if ((event as { type?: string }).type === 'hello') this.hellos.push(subtaskIndex);
    this.answer();
  }

  handleSplitRequest(subtaskIndex: number): void {
    this.context.signalNoMoreSplits(subtaskIndex);
  }

  addSplitsBack(): void {}
  addReader(): void {}
  snapshotState(): null {
    return null;
  }

  private answer(): void {
    if (this.asyncResult === undefined) return;
    for (const to of this.hellos.splice(0)) {
      const welcome: Welcome = {
        type: 'welcome',
        to,
        asyncResult: this.asyncResult.value,
        handlerOnMainThread: this.asyncResult.onMain,
      };
      this.context.sendEventToSourceReader(to, welcome);
    }
  }
}

/** Says hello on start; emits the welcome it gets back, then ends. */
class PingReader implements SourceReader<Welcome, NoSplit> {
  private welcome: Welcome | undefined;
  private done = false;
  private wake: (() => void) | undefined;

  constructor(private readonly context: SourceReaderContext) {}

  start(): void {
    this.context.sendSourceEventToCoordinator({ type: 'hello' });
  }

  pollNext(output: ReaderOutput<Welcome>): InputStatus {
    if (this.done) return InputStatus.END_OF_INPUT;
    if (this.welcome === undefined) return InputStatus.NOTHING_AVAILABLE;
    output.collect(this.welcome);
    this.done = true;
    return InputStatus.MORE_AVAILABLE;
  }

  isAvailable(): Promise<void> {
    if (this.welcome !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  handleSourceEvent(event: SourceEvent): void {
    this.welcome = event as Welcome;
    this.wake?.();
  }

  addSplits(): void {}
  notifyNoMoreSplits(): void {}
  snapshotState(): NoSplit[] {
    return [];
  }
}

export class PingSource implements Source<Welcome, NoSplit, null> {
  readonly boundedness = 'bounded';

  constructor(private readonly failOnStart = false) {}

  createEnumerator(context: SplitEnumeratorContext<NoSplit>): PingEnumerator {
    return new PingEnumerator(context, this.failOnStart);
  }

  restoreEnumerator(context: SplitEnumeratorContext<NoSplit>): PingEnumerator {
    return new PingEnumerator(context, this.failOnStart);
  }

  createReader(context: SourceReaderContext): PingReader {
    return new PingReader(context);
  }
}
