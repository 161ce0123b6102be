// The throughput benchmark suite, end to end in a tiny mode: every query runs on its own mini-cluster, each run's
// output is checked against the plain loop's, and the JSON it writes holds sane figures and measured floors.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QUERIES, runThroughputSuite, type ThroughputReport } from '@dhara/bench';
import { benchCommand } from '@dhara/cli';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';

const outDir = mkdtempSync(path.join(tmpdir(), 'dhara-throughput-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('dhara bench throughput (tiny mode)', () => {
  test('every query runs, matches its plain loop, and is measured beside its floor', async () => {
    const { file } = await runThroughputSuite({ records: 4_000, runs: 1, parallelisms: [2], outDir, quick: true });
    expect(path.basename(file)).toMatch(/^throughput-.*\.json$/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as ThroughputReport;

    expect(report.jobs.map((j) => j.query)).toEqual(QUERIES.map((q) => q.name));
    expect(report.floors.map((f) => f.shape).sort()).toEqual(['bench-record', 'nexmark-bid']);
    for (const f of report.floors) {
      expect(f.figures.recordsPerSecond, f.shape).toBeGreaterThan(0);
      expect(f.figures.recordsPerCoreSecond, f.shape).toBeGreaterThan(0);
    }
    for (const j of report.jobs) {
      const loop = report.loops.find((l) => l.query === j.query)!;
      expect(loop.figures.recordsPerSecond, j.query).toBeGreaterThan(0);
      expect(j.figures.recordsPerSecond, j.query).toBeGreaterThan(0);
      expect(j.figures.recordsPerCoreSecond, j.query).toBeGreaterThan(0);
      expect(j.output.matchesLoop, j.query).toBe(true);
      expect(j.output.outputs, j.query).toBe(loop.expected.outputs);
      expect(j.output.checksum, j.query).toBe(loop.expected.checksum);
      expect(j.output.outputs, j.query).toBeGreaterThan(0);
      expect(j.ratios.loop, j.query).toBeGreaterThan(0);
      expect(j.ratios.floor, j.query).toBeGreaterThan(0);
      expect(j.vertices.length, j.query).toBeGreaterThan(0);
    }
    // Every Nexmark query has a goal; whether this machine meets it is the bench's business, not the test's.
    for (const j of report.jobs.filter((x) => x.group === 'nexmark')) expect(j.goalPerCore, j.query).toBeGreaterThan(0);
    expect(report.coreDefinition).toMatch(/CPU seconds/);
  }, 60_000);

  test('--list names every query; bad arguments exit with 2', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await benchCommand(['throughput', '--list'])).toBe(0);
    expect(log.mock.calls.map((c) => String(c[0]).split(' ')[0])).toEqual(QUERIES.map((q) => q.name));
    expect(await benchCommand(['throughput', '--records', 'many'])).toBe(2);
    expect(await benchCommand(['throughput', '-p', '0'])).toBe(2);
    expect(await benchCommand(['throughput', '--query', 'q99'])).toBe(2);
  });
});
