import { DharaError } from '@dhara/core';
import type { StreamGraph } from '@dhara/core/internal';

/** The graph a worker rebuilt differs from the job manager's: `build` is not deterministic. */
export class GraphMismatchError extends DharaError {
  constructor(jobName: string, expected: readonly string[], actual: StreamGraph) {
    const count = Math.max(expected.length, actual.outline.length);
    let first = 0;
    while (first < count && expected[first] === actual.outline[first]) first++;
    super(
      'NONDETERMINISTIC_BUILD',
      `job '${jobName}': the graph built in a worker differs from the job manager's, so the job cannot be deployed. ` +
        `build(env) must declare the same graph every time it runs — does it depend on Math.random(), the clock or I/O? ` +
        `First difference at operator #${first}: job manager has '${expected[first] ?? '(nothing)'}', ` +
        `worker has '${actual.outline[first] ?? '(nothing)'}' ` +
        `(${expected.length} operators vs ${actual.outline.length}).`,
    );
  }
}
