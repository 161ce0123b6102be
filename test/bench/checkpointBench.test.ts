// The checkpoint benchmark suite, end to end in a very short mode: every scenario runs on its own mini-cluster and
// the JSON it writes holds sane figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { allScenarios } from '../../bench/checkpoint/scenarios.ts';
import { runCheckpointSuite, type SuiteReport } from '../../bench/checkpoint/suite.ts';

const outDir = mkdtempSync(path.join(tmpdir(), 'dhara-bench-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dhara bench checkpoint (tiny mode)', () => {
  test('every scenario completes checkpoints, with ordered percentiles and measured floors', async () => {
    const { file } = await runCheckpointSuite({
      // No warm-up left out: aligned checkpoints under backpressure take ~0.3-0.8 s, so only a few fit.
      durationMs: 2_500,
      warmupMs: 0,
      parallelisms: [1, 2],
      outDir,
      quick: true,
    });
    expect(path.basename(file)).toMatch(/^checkpoint-.*\.json$/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as SuiteReport;

    expect(report.scenarios.map((s) => s.name).sort()).toEqual(
      allScenarios([1, 2])
        .map((s) => s.name)
        .sort(),
    );
    for (const s of report.scenarios) {
      const e = s.figures.endToEndMs;
      expect(s.figures.completed, s.name).toBeGreaterThan(0);
      expect(e.count, s.name).toBe(s.figures.completed);
      expect(e.min, s.name).toBeGreaterThan(0);
      expect(e.p50, s.name).toBeLessThanOrEqual(e.p90);
      expect(e.p90, s.name).toBeLessThanOrEqual(e.p99);
      expect(e.p99, s.name).toBeLessThanOrEqual(e.p999);
      expect(e.p999, s.name).toBeLessThanOrEqual(e.max);
      expect(s.figures.stateBytesMedian, s.name).toBeGreaterThan(0);
      expect(s.figures.recordsPerSecond, s.name).toBeGreaterThan(0);
      expect(s.floors.fsync.medianMs, s.name).toBeGreaterThan(0);
      expect(s.floors.barrier.medianMs, s.name).toBeGreaterThan(0);
      expect(s.floors.totalMs, s.name).toBeGreaterThan(0);
      expect(s.floors.p50Ratio, s.name).toBeGreaterThan(0);
      expect(s.taskChains.length, s.name).toBe(s.floors.barrier.threads);
    }
    // Unaligned checkpoints really went unaligned; aligned ones never did.
    for (const s of report.scenarios.filter((x) => x.name.startsWith('backpressure-unaligned'))) {
      expect(s.figures.unalignedShare, s.name).toBeGreaterThan(0);
    }
    for (const s of report.scenarios.filter((x) => x.name.startsWith('backpressure-aligned-p'))) {
      expect(s.figures.unalignedShare, s.name).toBe(0);
    }
  }, 60_000);
});
