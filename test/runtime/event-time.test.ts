import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { EVENTS, type WindowResult } from './jobs/events.ts';
import { CLICKS } from './jobs/late-data.ts';
import type { SecondCount } from './jobs/timers.ts';
import { SESSION_GAP_MS, SLIDE, TUMBLE_MS } from './jobs/windows.ts';

const byWindow = (a: WindowResult, b: WindowResult) => a.key.localeCompare(b.key) || a.start - b.start;

// The references: plain computations over the same events.
function tumbling(): WindowResult[] {
  const windows = new Map<string, WindowResult>();
  for (const e of EVENTS) {
    const start = Math.floor(e.ts / TUMBLE_MS) * TUMBLE_MS;
    const id = `${e.key}@${start}`;
    const w = windows.get(id) ?? { key: e.key, start, end: start + TUMBLE_MS, count: 0, sum: 0 };
    w.count++;
    w.sum += e.value;
    windows.set(id, w);
  }
  return [...windows.values()].sort(byWindow);
}

function sliding(): WindowResult[] {
  const windows = new Map<string, WindowResult>();
  for (const e of EVENTS) {
    for (let start = Math.floor(e.ts / SLIDE.slide) * SLIDE.slide; start > e.ts - SLIDE.size; start -= SLIDE.slide) {
      const id = `${e.key}@${start}`;
      const w = windows.get(id) ?? { key: e.key, start, end: start + SLIDE.size, count: 0, sum: 0 };
      w.count++;
      w.sum += e.value;
      windows.set(id, w);
    }
  }
  return [...windows.values()].sort(byWindow);
}

function sessions(): WindowResult[] {
  const byKey = new Map<string, { ts: number; value: number }[]>();
  for (const e of EVENTS) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const result: WindowResult[] = [];
  for (const [key, events] of byKey) {
    events.sort((a, b) => a.ts - b.ts);
    let current: WindowResult | undefined;
    for (const e of events) {
      if (current !== undefined && e.ts <= current.end) {
        current.end = Math.max(current.end, e.ts + SESSION_GAP_MS);
        current.count++;
        current.sum += e.value;
      } else {
        if (current !== undefined) result.push(current);
        current = { key, start: e.ts, end: e.ts + SESSION_GAP_MS, count: 1, sum: e.value };
      }
    }
    if (current !== undefined) result.push(current);
  }
  return result.sort(byWindow);
}

const mini = useMiniCluster({ name: 'event-time', workers: 2, slotsPerWorker: 2 });

function run(name: string, parallelism: number, env: Record<string, string> = {}) {
  return withEnv(env, async () => (await mini.cluster.submit(jobPath('runtime', name), { parallelism })).result());
}

describe.each([1, 3])('windows over shuffled, out-of-order input at parallelism %i', (parallelism) => {
  test.each([
    ['tumbling', tumbling],
    ['sliding', sliding],
    ['session', sessions],
  ] as const)('%s windows give exactly the reference results', async (kind, reference) => {
    const result = await run('windows', parallelism, { WINDOW_KIND: kind });
    const windows = [...(result.collected.results as WindowResult[])].sort(byWindow);
    const expected = reference();
    expect(expected.length).toBeGreaterThan(100);
    expect(windows).toEqual(expected);
    expect(result.metrics.vertices.reduce((n, v) => n + v.lateRecordsDropped, 0)).toBe(0);
  });
});

test.each([1, 3])(
  'late elements within the allowed lateness update the window; later ones go to the side output only (parallelism %i)',
  async (parallelism) => {
    const result = await run('late-data', parallelism);
    const counts = result.collected.counts as { user: string; window: number; clicks: number }[];
    const sorted = [...counts].sort(
      (a, b) => a.user.localeCompare(b.user) || a.window - b.window || a.clicks - b.clicks,
    );
    expect(sorted).toEqual([
      { user: 'ann', window: 0, clicks: 2 },
      { user: 'ann', window: 0, clicks: 3 }, // the late click at 700 re-fired the window
      { user: 'ann', window: 1000, clicks: 1 },
      { user: 'ann', window: 2000, clicks: 1 },
      { user: 'bob', window: 0, clicks: 1 },
      { user: 'bob', window: 2000, clicks: 1 },
    ]);
    expect(result.collected.late).toEqual([CLICKS[6], CLICKS[7]]);
    expect(result.metrics.vertices.reduce((n, v) => n + v.lateRecordsDropped, 0)).toBe(0);
  },
);

test.each([1, 3])(
  'a KeyedProcessFunction counting per key in state and emitting on event-time timers is exact; timers registered twice fire once (parallelism %i)',
  async (parallelism) => {
    const result = await run('timers', parallelism);
    const fired = result.collected.counts as SecondCount[];
    const expected = new Map<string, number>();
    for (const e of EVENTS) {
      const id = `${e.key}@${Math.floor(e.ts / 1000)}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    const actual = new Map<string, number>();
    for (const f of fired) {
      const id = `${f.key}@${f.second}`;
      expect(actual.has(id), `timer ${id} fired twice`).toBe(false);
      actual.set(id, f.count);
      expect(f.firedAt).toBe(f.second * 1000 + 999);
    }
    expect(actual).toEqual(expected);
  },
);

describe('idle source partitions', () => {
  function countsAfter(idlenessMs: number): Promise<number[]> {
    return withEnv({ IDLENESS_MS: String(idlenessMs) }, async () => {
      const client = await mini.cluster.submit(jobPath('runtime', 'idle-partition'), { parallelism: 2 });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const counts = client.collected<number>('counts');
      await client.cancel();
      return counts;
    });
  }

  test('with withIdleness, windows fire although one partition is silent', async () => {
    const counts = await countsAfter(200);
    // Readings at 0..4900 ms: the watermark reaches 4899, so the windows [0, 1000) ... [3000, 4000) fire.
    expect(counts.length).toBe(12);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
  });

  test('without it, the silent partition holds event time back and no window fires', async () => {
    expect(await countsAfter(0)).toEqual([]);
  });
});

test('processing-time windows count every record: tumbling once, sliding size/slide times', async () => {
  const { RECORDS, SLIDE } = await import('./jobs/processing-time.ts');
  const started = Date.now();
  const result = await run('processing-time', 2);
  const tumbling = result.collected.tumbling as { key: number; start: number; end: number; count: number }[];
  // A rate-limited half second of input falls into several 100 ms windows, each fired by the task's clock (the last
  // ones at the end of input, as Flink fires processing-time windows at the end of a bounded job).
  expect(new Set(tumbling.map((w) => w.start)).size).toBeGreaterThan(2);
  for (const w of tumbling) {
    expect(w.end - w.start).toBe(100);
    expect(w.start).toBeGreaterThanOrEqual(Math.floor(started / 100) * 100);
  }
  expect(tumbling.reduce((n, w) => n + w.count, 0)).toBe(RECORDS);
  const sliding = result.collected.sliding as number[];
  expect(sliding.reduce((n, c) => n + c, 0)).toBe((RECORDS * SLIDE.size) / SLIDE.slide);
});
