import { assignToKeyGroup, operatorIndexForKeyGroup } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../support/index.ts';
import { countWords } from './jobs/text.ts';
import { LINES, type Owner, type WordCount } from './jobs/wordcount.ts';

const JOB = jobPath('runtime', 'wordcount');

describe('word count on a real mini-cluster (2 workers)', () => {
  const mini = useMiniCluster({ name: 'wordcount', workers: 2, slotsPerWorker: 2 });
  const expected = countWords(LINES);
  const totalWords = [...expected.values()].reduce((a, b) => a + b, 0);

  test('the generated text has at least 100,000 words', () => {
    expect(totalWords).toBeGreaterThanOrEqual(100_000);
  });

  test.each([1, 2, 4])('parallelism %i gives exactly the counts of a plain loop', async (parallelism) => {
    const job = await mini.cluster.submit(JOB, { parallelism });
    const result = await job.result();

    const finalCounts = new Map<string, number>();
    for (const { word, count } of result.collected.counts as WordCount[]) {
      finalCounts.set(word, Math.max(finalCounts.get(word) ?? 0, count));
    }
    expect(finalCounts).toEqual(expected);
    // The reduce emits a running count for every word occurrence: nothing lost, nothing doubled.
    expect(result.collected.counts).toHaveLength(totalWords);

    // Every key is processed by exactly one subtask: the one its key group maps to.
    const owners = new Map<string, number[]>();
    for (const { word, subtask } of result.collected.owners as Owner[]) {
      owners.set(word, [...(owners.get(word) ?? []), subtask]);
    }
    expect(owners.size).toBe(expected.size);
    for (const [word, subtasks] of owners) {
      expect(subtasks).toEqual([operatorIndexForKeyGroup(128, parallelism, assignToKeyGroup(word, 128))]);
    }
    if (parallelism > 1) expect(new Set([...owners.values()].flat()).size).toBe(parallelism);
  });
});
