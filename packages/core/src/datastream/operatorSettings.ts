import { InvalidGraphError } from '../errors/index.ts';
import type { StreamEnd } from '../graph/index.ts';

export function asInput(inputIndex: 0 | 1): (end: StreamEnd) => { end: StreamEnd; inputIndex: 0 | 1 } {
  return (end: StreamEnd) => ({ end, inputIndex });
}

export function checkParallelism(parallelism: number, what: string): void {
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new InvalidGraphError(`${what}: parallelism must be a positive integer, got ${parallelism}`);
  }
}
