import { describe, expect, test } from 'vitest';
import {
  type DataStream,
  defineJob,
  discardingSink,
  InvalidGraphError,
  outputTag,
  type StreamEnvironment,
} from '../src/index.ts';
import { buildStreamGraph, type JobGraph, type StreamGraph, toJobGraph } from '../src/internal.ts';

const build = (jobBuild: (env: StreamEnvironment) => void, defaultParallelism = 2): StreamGraph =>
  buildStreamGraph(defineJob('test-job', jobBuild), { defaultParallelism });

const jobGraphOf = (jobBuild: (env: StreamEnvironment) => void, defaultParallelism = 2): JobGraph =>
  toJobGraph(build(jobBuild, defaultParallelism));

const numbers = (env: StreamEnvironment): DataStream<number> => env.fromElements(1, 2, 3, 4).setParallelism(2);

/** A readable summary of a job graph: vertex names with parallelism, and edges as `from->to:kind`. */
function shape(graph: JobGraph): { vertices: string[]; edges: string[] } {
  return {
    vertices: graph.vertices.map((v) => `${v.name} p${v.parallelism}`),
    edges: graph.edges.map(
      (e) =>
        `${e.sourceVertex}->${e.targetVertex}:${e.partitioner.kind}${e.sideOutput === undefined ? '' : `[${e.sideOutput}]`}#${e.inputIndex}`,
    ),
  };
}

describe('chaining', () => {
  test('map -> filter -> sink chain into the source vertex', () => {
    const graph = jobGraphOf((env) => {
      numbers(env)
        .map((x) => x * 2)
        .filter((x) => x > 2)
        .sinkTo(discardingSink());
    });
    expect(shape(graph)).toEqual({ vertices: ['Source: elements -> Map -> Filter -> Sink p2'], edges: [] });
    const vertex = graph.vertices[0]!;
    expect(vertex.nodes.map((n) => n.spec.kind)).toEqual(['source', 'map', 'filter', 'sink']);
    expect([...vertex.chainedOutputs]).toEqual([
      [0, [1]],
      [1, [2]],
      [2, [3]],
      [3, []],
    ]);
  });

  test('keyBy breaks the chain with a keyGroup edge', () => {
    const graph = jobGraphOf((env) => {
      numbers(env)
        .map((x) => ({ k: x % 2, v: x }))
        .keyBy((r) => r.k)
        .reduce((a, b) => ({ k: a.k, v: a.v + b.v }))
        .sinkTo(discardingSink());
    });
    expect(shape(graph)).toEqual({
      vertices: ['Source: elements -> Map p2', 'Keyed Reduce -> Sink p2'],
      edges: ['0->1:keyGroup#0'],
    });
    const edge = graph.edges[0]!;
    expect(edge.sourceNodeId).toBe(1);
    expect(edge.targetNodeId).toBe(2);
    expect(graph.vertices[0]!.outputs).toEqual([edge]);
    expect(graph.vertices[1]!.inputs).toEqual([edge]);
  });

  test('a different parallelism gives a rebalance edge', () => {
    const graph = jobGraphOf((env) => {
      numbers(env)
        .map((x) => x + 1)
        .setParallelism(3)
        .sinkTo(discardingSink());
    });
    // The sink takes the default parallelism 2 again: a second rebalance edge.
    expect(shape(graph)).toEqual({
      vertices: ['Source: elements p2', 'Map p3', 'Sink p2'],
      edges: ['0->1:rebalance#0', '1->2:rebalance#0'],
    });
  });

  test('an explicit forward() between different parallelisms throws, naming both operators', () => {
    const act = () =>
      build((env) => {
        numbers(env)
          .name('numbers')
          .forward()
          .map((x) => x)
          .name('times-one')
          .setParallelism(3);
      });
    expect(act).toThrow(InvalidGraphError);
    expect(act).toThrow(/'numbers' has 2/);
    expect(act).toThrow(/operator 'times-one' \(#1\)/);
  });

  test('explicit rebalance() between equal parallelisms is a network edge, not a chain', () => {
    const graph = jobGraphOf((env) => {
      numbers(env)
        .rebalance()
        .map((x) => x)
        .sinkTo(discardingSink());
    });
    expect(shape(graph).edges).toEqual(['0->1:rebalance#0']);
  });

  test('disableChaining splits the chain before and after the operator', () => {
    const graph = jobGraphOf((env) => {
      numbers(env)
        .map((x) => x)
        .filter((x) => x > 0)
        .disableChaining()
        .map((x) => x)
        .sinkTo(discardingSink());
    });
    expect(shape(graph)).toEqual({
      vertices: ['Source: elements -> Map p2', 'Filter p2', 'Map -> Sink p2'],
      edges: ['0->1:forward#0', '1->2:forward#0'],
    });
  });
});

describe('multiple inputs and outputs', () => {
  test('union feeds one operator from both streams on input 0', () => {
    const graph = jobGraphOf((env) => {
      const a = numbers(env);
      const b = numbers(env).map((x) => -x);
      a.union(b)
        .map((x) => x)
        .sinkTo(discardingSink());
    });
    const map = graph.streamGraph.nodes[3]!;
    expect(map.spec.kind).toBe('map');
    expect(map.inputs.map((e) => [e.sourceId, e.inputIndex, e.partitioner.kind])).toEqual([
      [0, 0, 'forward'],
      [2, 0, 'forward'],
    ]);
    // Two inputs: the map heads its own vertex.
    expect(shape(graph)).toEqual({
      vertices: ['Source: elements p2', 'Source: elements -> Map p2', 'Map -> Sink p2'],
      edges: ['0->2:forward#0', '1->2:forward#0'],
    });
  });

  test('connect feeds a two-input operator on inputs 0 and 1', () => {
    const graph = jobGraphOf((env) => {
      const a = numbers(env);
      const b = env.fromElements('x', 'y').setParallelism(2);
      a.connect(b)
        .map(
          (n) => `n${n}`,
          (s) => s,
        )
        .sinkTo(discardingSink());
    });
    const co = graph.streamGraph.nodes[2]!;
    expect(co.spec.kind).toBe('coProcess');
    expect(co.inputs.map((e) => [e.sourceId, e.inputIndex])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(shape(graph).edges).toEqual(['0->2:forward#0', '1->2:forward#1']);
  });

  test('a side output is its own edge, never chained', () => {
    const late = outputTag<string>('late');
    const graph = jobGraphOf((env) => {
      const main = numbers(env).process<number>({
        processElement(value, ctx, out) {
          if (value > 2) ctx.output(late, `late ${value}`);
          else out.collect(value);
        },
      });
      main.sinkTo(discardingSink(), 'main sink');
      main.getSideOutput(late).sinkTo(discardingSink(), 'late sink');
    });
    expect(shape(graph)).toEqual({
      vertices: ['Source: elements -> Process -> main sink p2', 'late sink p2'],
      edges: ['0->1:forward[late]#0'],
    });
    expect(graph.edges[0]!.sourceNodeId).toBe(1);
  });
});

describe('uids and validation', () => {
  test('auto uids are positional; given uids are kept', () => {
    const graph = build((env) => {
      numbers(env)
        .map((x) => x)
        .uid('double')
        .filter(() => true)
        .sinkTo(discardingSink());
    });
    expect(graph.nodes.map((n) => n.uid)).toEqual(['auto-0-source', 'double', 'auto-2-filter', 'auto-3-sink']);
  });

  test('a duplicate uid throws, naming both operators', () => {
    expect(() =>
      build((env) => {
        numbers(env)
          .map((x) => x)
          .uid('same')
          .map((x) => x)
          .uid('same');
      }),
    ).toThrow(new InvalidGraphError("job 'test-job': uid 'same' is used by operators #1 and #2"));
  });

  test('a parallelism above maxParallelism throws', () => {
    expect(() =>
      build((env) => {
        env.setMaxParallelism(4);
        numbers(env)
          .map((x) => x)
          .setParallelism(5);
      }),
    ).toThrow(/operator 'Map' \(#1\) has parallelism 5, above the max parallelism 4/);
    // The default parallelism counts too (maxParallelism 128 by default).
    expect(() => build((env) => numbers(env).map((x) => x), 129)).toThrow(/has parallelism 129, above the max/);
    expect(() => build((env) => numbers(env).map((x) => x), 128)).not.toThrow();
  });

  test('bad parallelism values and an empty job are refused', () => {
    expect(() => build((env) => numbers(env).setParallelism(0))).toThrow(InvalidGraphError);
    expect(() => build((env) => env.setMaxParallelism(32_769))).toThrow(InvalidGraphError);
    expect(() => build(() => {})).toThrow("job 'test-job': build(env) defined no operators");
  });

  test('operator settings on a union or a repartitioning throw', () => {
    expect(() => build((env) => numbers(env).union(numbers(env)).uid('u'))).toThrow(InvalidGraphError);
    expect(() => build((env) => numbers(env).rebalance().setParallelism(1))).toThrow(InvalidGraphError);
  });
});

describe('fingerprint', () => {
  const pipeline =
    (options: { parallelism?: number; op?: 'map' | 'filter'; body?: (x: number) => number }) =>
    (env: StreamEnvironment) => {
      const stream = numbers(env);
      const next =
        options.op === 'filter'
          ? stream.filter((x) => x > 1)
          : stream.map(options.body ?? ((x: number) => x * 2)).setParallelism(options.parallelism ?? 2);
      next.sinkTo(discardingSink());
    };

  test('two builds of the same job have the same fingerprint', () => {
    const a = build(pipeline({}));
    const b = build(pipeline({}));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(b.outline).toEqual(a.outline);
  });

  test('it changes when an operator or a parallelism changes', () => {
    const base = build(pipeline({})).fingerprint;
    const changes = [
      build(pipeline({ op: 'filter' })).fingerprint,
      build(pipeline({ parallelism: 1 })).fingerprint,
      build(pipeline({}), 1).fingerprint,
    ];
    expect(new Set([base, ...changes]).size).toBe(4);
  });

  // By design the fingerprint covers the graph's shape, not function bodies: their text depends on the transpiler
  // that loaded the module (vitest rewrites imported names inside bodies, tsx does not), so it cannot be compared
  // across threads. A `build` that picks between same-shaped functions at random is therefore not caught.
  test('it does not change when only a function body changes', () => {
    const base = build(pipeline({})).fingerprint;
    expect(build(pipeline({ body: (x) => x * 3 })).fingerprint).toBe(base);
  });

  test('it changes with a uid or a name', () => {
    const plain = build((env) => numbers(env).sinkTo(discardingSink())).fingerprint;
    const withUid = build((env) => numbers(env).sinkTo(discardingSink()).uid('out')).fingerprint;
    const withName = build((env) => numbers(env).sinkTo(discardingSink(), 'renamed')).fingerprint;
    expect(new Set([plain, withUid, withName]).size).toBe(3);
  });
});
