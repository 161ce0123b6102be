import type { OperatorContext, StreamOperator } from './StreamOperator.ts';

const VALUES_PER_MESSAGE = 1000;

/** Sends a collect sink's elements to the job manager in chunks; the job client keeps them. */
export class CollectSinkOperator implements StreamOperator {
  private buffer: unknown[] = [];

  constructor(
    private readonly context: OperatorContext,
    private readonly name: string,
  ) {}

  open(): void {}

  processElement(value: unknown): void {
    this.buffer.push(value);
    if (this.buffer.length >= VALUES_PER_MESSAGE) this.send();
  }

  endInput(): void {
    this.send();
  }

  close(): void {
    this.send();
  }

  pending(): undefined {
    return undefined;
  }

  private send(): void {
    if (this.buffer.length === 0) return;
    this.context.sendCollected(this.name, this.buffer);
    this.buffer = [];
  }
}
