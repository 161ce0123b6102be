export type { StreamEnd } from './GraphBuilder.ts';
export { DEFAULT_MAX_PARALLELISM, type EnvironmentOptions, StreamEnvironment } from './StreamEnvironment.ts';
