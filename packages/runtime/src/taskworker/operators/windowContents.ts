import type { WindowFunctionSpec } from '@dhara/core/internal';

/**
 * How a window function keeps a window's contents: a running reduction, an aggregate accumulator, or the elements
 * themselves (for a process window function alone). `merge` combines two windows' contents (session windows).
 */
export interface WindowContents {
  add(contents: unknown, value: unknown): unknown;
  merge(a: unknown, b: unknown): unknown;
  /** What the window emits (or hands to its process window function). */
  elements(contents: unknown): unknown[];
}

export function windowContents(spec: WindowFunctionSpec): WindowContents {
  switch (spec.kind) {
    case 'reduce': {
      const reduce = spec.reduce;
      return {
        add: (contents, value) => (contents === undefined ? value : reduce(contents, value)),
        merge: (a, b) => reduce(a, b),
        elements: (contents) => [contents],
      };
    }
    case 'aggregate': {
      const aggregate = spec.aggregate;
      return {
        add: (contents, value) =>
          aggregate.add(value, contents === undefined ? aggregate.createAccumulator() : contents),
        merge: (a, b) => aggregate.merge(a, b),
        elements: (contents) => [aggregate.getResult(contents)],
      };
    }
    case 'process':
      return {
        add: (contents, value) => {
          const list = (contents as unknown[] | undefined) ?? [];
          list.push(value);
          return list;
        },
        merge: (a, b) => [...(a as unknown[]), ...(b as unknown[])],
        elements: (contents) => contents as unknown[],
      };
  }
}
