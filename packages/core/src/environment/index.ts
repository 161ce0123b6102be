export {
  DEFAULT_MAX_PARALLELISM,
  type EnvironmentOptions,
  type RuntimeMode,
  StreamEnvironment,
} from './StreamEnvironment.ts';
