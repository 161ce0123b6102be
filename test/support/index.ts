// What the end-to-end tests share: the mini-cluster fixture, where job modules live, and small helpers.
export { withEnv } from './env.ts';
export { messageChain } from './errorChain.ts';
export { jobPath, type TestGroup } from './jobs.ts';
export { type MiniClusterFixture, type MiniClusterFixtureOptions, useMiniCluster } from './miniCluster.ts';
export { afterRecords } from './progress.ts';
