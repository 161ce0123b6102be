import type { JobClient } from '@dhara/runtime';

/** Resolves once the job's source vertex has read at least `records` records (over all attempts). */
export function afterRecords(job: JobClient, records: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = job.metrics$.subscribe({
      next: (m) => {
        if ((m.vertices[0]?.recordsIn ?? 0) >= records) {
          sub.unsubscribe();
          resolve();
        }
      },
      error: reject,
      complete: () => reject(new Error(`job ended before its source read ${records} records`)),
    });
  });
}
