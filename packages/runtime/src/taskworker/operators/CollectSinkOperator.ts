import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

const VALUES_PER_MESSAGE = 1000;
/** How long a value may wait in the buffer: unbounded jobs must deliver too, not only at their end. */
const MAX_DELAY_MS = 50;

/** Sends a collect sink's elements to the job manager in chunks; the job client keeps them. */
export class CollectSinkOperator extends BaseOperator {
  private buffer: unknown[] = [];
  private cancelFlush: (() => void) | undefined;

  constructor(
    context: OperatorContext,
    private readonly name: string,
  ) {
    super(context);
  }

  override processWatermark(): void {}

  override processWatermarkStatus(): void {}

  processElement(value: unknown): void {
    if (this.buffer.length === 0)
      this.cancelFlush = this.context.time.registerTimer(this.context.time.now() + MAX_DELAY_MS, () => this.send());
    this.buffer.push(value);
    if (this.buffer.length >= VALUES_PER_MESSAGE) this.send();
  }

  override endInput(): void {
    this.send();
  }

  override close(): void {
    this.send();
  }

  private send(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.buffer.length === 0) return;
    this.context.sendCollected(this.name, this.buffer);
    this.buffer = [];
  }
}
