// The checkpoint benchmark suite, end to end in a very short mode: every scenario runs on its own mini-cluster (at
// parallelism 2, the one the goals are set for) and the JSON it writes holds sane figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allScenarios, type CheckpointSuiteReport, runCheckpointSuite } from '@dhara/bench';
import { afterAll, describe, expect, test } from 'vitest';

const outDir = mkdtempSync(path.join(tmpdir(), 'dhara-bench-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dhara bench checkpoint (tiny mode)', () => {
  test('every scenario completes checkpoints, with ordered percentiles, measured floors and recovery figures', async () => {
    const { file } = await runCheckpointSuite({
      // No warm-up left out: aligned checkpoints under backpressure take ~0.3-0.8 s, so only a few fit.
      durationMs: 2_500,
      warmupMs: 0,
      parallelisms: [2],
      outDir,
      quick: true,
    });
    expect(path.basename(file)).toMatch(/^checkpoint-.*\.json$/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as CheckpointSuiteReport;

    expect(report.scenarios.map((s) => s.name).sort()).toEqual(
      allScenarios([2])
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
      expect(s.figures.recovery === null, s.name).toBe(!s.name.startsWith('recovery'));
    }
    const named = (prefix: string) => report.scenarios.filter((x) => x.name.startsWith(prefix));
    // Unaligned checkpoints really went unaligned; aligned ones never did.
    for (const s of named('backpressure-unaligned')) expect(s.figures.unalignedShare, s.name).toBeGreaterThan(0);
    for (const s of named('backpressure-aligned-p')) expect(s.figures.unalignedShare, s.name).toBe(0);
    // Up to a million keys of state (the first checkpoints of a short run come while it fills): MiBs per checkpoint,
    // packed as numeric columns (8 bytes an entry, so under 12 MB).
    for (const s of named('large-state')) {
      expect(s.figures.stateBytesMedian, s.name).toBeGreaterThan(1_000_000);
      expect(s.figures.stateBytesMedian, s.name).toBeLessThan(12_000_000);
    }
    // The Pravega source's checkpoints were induced through the reader group, and both twins read at the rate.
    for (const s of named('induced')) expect(s.figures.recordsPerSecond, s.name).toBeGreaterThan(1_000);
    // Each kill was followed by a restore whose first record and catch-up were seen, in that order.
    for (const s of named('recovery')) {
      const r = s.figures.recovery!;
      expect(r.kills, s.name).toBeGreaterThan(0);
      expect(r.firstRecordMs.count, s.name).toBeGreaterThan(0);
      expect(r.caughtUpMs.count, s.name).toBeGreaterThan(0);
      for (const k of r.events.filter((x) => Number.isFinite(x.caughtUpMs))) {
        expect(k.detectedMs, s.name).toBeLessThanOrEqual(k.firstRecordMs);
        expect(k.firstRecordMs, s.name).toBeLessThanOrEqual(k.caughtUpMs);
      }
    }
  }, 90_000);
});
