import { defineConfig } from 'vitest/config';

// Two projects: `unit` (each package's own tests, no cluster) and `e2e` (test/: real mini-clusters, child
// processes). `npx vitest run --project unit` runs one of them; `npx vitest run` runs both, the unit tests first.
export default defineConfig({
  test: {
    // Pool limits are set once for all projects: at most 2 test files at a time, in either pool.
    poolOptions: {
      forks: { maxForks: 2, minForks: 1 },
      threads: { maxThreads: 2, minThreads: 1 },
    },
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts'],
          // Safe in worker threads: no unit test changes the working directory, handles signals or exits the
          // process (the store's crash test kills a child process, not the test's own).
          pool: 'threads',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // Each test file in its own child process: mini-clusters start worker threads, and a crash in one file
          // must not take the others down.
          pool: 'forks',
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
