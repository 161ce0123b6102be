export type { StreamEnd } from './GraphBuilder.ts';
export {
  DEFAULT_MAX_PARALLELISM,
  type EnvironmentOptions,
  type RuntimeMode,
  StreamEnvironment,
} from './StreamEnvironment.ts';
