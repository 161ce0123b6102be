// @dhara/bench: the benchmark suites `dhara bench` runs (checkpoint latency, throughput), each measured beside
// baselines from the same run, with their JSON, HTML and text reports; and what every benchmark writes (JSON result
// files, aligned text tables), which the standalone scripts in the repository's bench/ and the CLI use too.
export * from './checkpoint/index.ts';
export * from './output/index.ts';
export * from './throughput/index.ts';
