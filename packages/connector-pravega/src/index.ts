// @dhara/connector-pravega: an externally induced PravegaSource and a transactional PravegaSink, and
// PravegaTable: both from Flink-style flat options.
export * from './client/index.ts';
export * from './errors/index.ts';
export * from './sink/index.ts';
export * from './source/index.ts';
export * from './table/index.ts';
