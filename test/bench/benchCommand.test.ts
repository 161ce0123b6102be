// `dhara bench` argument handling (no cluster is started).

import { benchCommand } from '@dhara/cli';
import { afterEach, describe, expect, test, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

describe('dhara bench', () => {
  test('--list names every scenario of the selected parallelism', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await benchCommand(['checkpoint', '--list', '-p', '2'])).toBe(0);
    const names = log.mock.calls.map((c) => String(c[0]).split(' ')[0]);
    expect(names).toEqual([
      'idle-p2',
      'backpressure-aligned-p2',
      'backpressure-unaligned-p2',
      'backpressure-aligned-timeout-p2',
      'large-state-p2',
      'induced-pravega-p2',
      'induced-generator-p2',
      'recovery-p2',
    ]);
  });

  test('bad arguments exit with 2', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await benchCommand([])).toBe(2);
    expect(await benchCommand(['no-such-suite'])).toBe(2);
    expect(await benchCommand(['checkpoint', '--duration', 'soon'])).toBe(2);
    expect(await benchCommand(['checkpoint', '--parallelism', '1.5'])).toBe(2);
  });
});
